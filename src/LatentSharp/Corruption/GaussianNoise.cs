using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>Additive Gaussian noise: x̃ = x + σ·ε, ε ~ N(0, 1).</summary>
public sealed class GaussianNoise : ICorruption
{
    /// <summary>Creates the corruption with standard deviation <paramref name="standardDeviation"/> &gt; 0.</summary>
    public GaussianNoise(double standardDeviation)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The noise level of gaussian must be > 0.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>σ.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"gaussian:{StandardDeviation}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator) =>
        input + randn(input.shape, dtype: input.dtype, device: input.device, generator: generator) * StandardDeviation;
}
