using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Salt-and-pepper noise: each element, independently with probability p, becomes 0 or 1 (equally
/// likely); for data scaled to [0, 1] these are black and white pixels.
/// </summary>
public sealed class SaltAndPepperNoise : ICorruption
{
    /// <summary>Creates the corruption; <paramref name="fraction"/> in (0, 1).</summary>
    public SaltAndPepperNoise(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The level of salt-and-pepper (the fraction of elements replaced) must be in (0, 1).");
        Fraction = fraction;
    }

    /// <summary>Probability of replacing an element.</summary>
    public double Fraction { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"salt-and-pepper:{Fraction}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var hit = rand(input.shape, dtype: input.dtype, device: input.device, generator: generator) < Fraction;
        var salt = (rand(input.shape, dtype: input.dtype, device: input.device, generator: generator) < 0.5).to(input.dtype);
        return where(hit, salt, input).MoveToOuterDisposeScope();
    }
}
