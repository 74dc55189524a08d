using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Masking noise (Vincent et al., 2008, "Extracting and composing robust features with denoising
/// autoencoders"): each element is set to 0 independently with probability p.
/// </summary>
public sealed class MaskingNoise : ICorruption
{
    /// <summary>Creates the corruption; <paramref name="fraction"/> in (0, 1).</summary>
    public MaskingNoise(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The level of masking (the fraction of elements zeroed) must be in (0, 1).");
        Fraction = fraction;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public double Fraction { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"masking:{Fraction}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var keep = rand(input.shape, dtype: input.dtype, device: input.device, generator: generator) >= Fraction;
        return (input * keep).MoveToOuterDisposeScope();
    }
}
