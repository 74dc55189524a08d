using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>Multiplicative (speckle) noise: x̃ = x·(1 + σ·ε), ε ~ N(0, 1); dark pixels stay dark.</summary>
public sealed class SpeckleNoise : ICorruption
{
    /// <summary>Creates the corruption with relative level <paramref name="standardDeviation"/> &gt; 0.</summary>
    public SpeckleNoise(double standardDeviation)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The noise level of speckle must be > 0.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>σ.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"speckle:{StandardDeviation}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var noise = randn(input.shape, dtype: input.dtype, device: input.device, generator: generator);
        return input + input * noise * StandardDeviation;
    }
}
