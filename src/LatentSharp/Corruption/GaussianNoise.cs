using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Additive Gaussian noise: x̃ = x + σ·ε, ε ~ N(0, 1), independently per element. The result is
/// not clipped (values may leave [0, 1]); for images in [0, 1], σ from 0.1 to 0.5 is usual.
/// </summary>
public sealed class GaussianNoise : ICorruption
{
    /// <summary>Creates the corruption with standard deviation <paramref name="standardDeviation"/>, finite and &gt; 0.</summary>
    public GaussianNoise(double standardDeviation)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The level of gaussian (its standard deviation) must be a finite number > 0.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>σ.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"gaussian:{StandardDeviation}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var noise = randn(input.shape, dtype: input.dtype, device: input.device, generator: generator);
        return (input + noise * StandardDeviation).MoveToOuterDisposeScope();
    }
}
