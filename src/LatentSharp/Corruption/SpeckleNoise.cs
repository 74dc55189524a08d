using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Multiplicative (speckle) noise: x̃ = x·(1 + σ·ε), ε ~ N(0, 1), independently per element. The
/// noise is relative to the value: black pixels stay black, bright ones vary most. Not clipped.
/// </summary>
public sealed class SpeckleNoise : ICorruption
{
    /// <summary>Creates the corruption with relative level <paramref name="standardDeviation"/>, finite and &gt; 0.</summary>
    public SpeckleNoise(double standardDeviation)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The level of speckle (its relative standard deviation) must be a finite number > 0.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>σ, relative to each element's value.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"speckle:{StandardDeviation}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var noise = randn(input.shape, dtype: input.dtype, device: input.device, generator: generator);
        return (input + input * noise * StandardDeviation).MoveToOuterDisposeScope();
    }
}
