using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// A prior given by the caller's sampler, sampling only (for an adversarial autoencoder's prior of any
/// shape). The sampler must draw its randomness from the generator it is given.
/// </summary>
public sealed class SamplerPrior : ILatentPrior
{
    readonly Func<long, Generator?, Tensor> _sampler;

    /// <summary>A prior of <paramref name="dimensions"/> dimensions; <paramref name="sampler"/>(count, generator) returns <c>[count, D]</c>.</summary>
    /// <param name="dimensions">D ≥ 1.</param>
    /// <param name="sampler">Draws codes from the given generator.</param>
    /// <param name="spec">How the prior is described (it cannot be parsed back).</param>
    public SamplerPrior(int dimensions, Func<long, Generator?, Tensor> sampler, string spec = "sampler")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentNullException.ThrowIfNull(sampler);
        Dimensions = dimensions;
        _sampler = sampler;
        Spec = spec;
    }

    /// <inheritdoc />
    public string Spec { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The sampler returned another shape.</exception>
    public Tensor Sample(long count, Generator? generator, Device? device = null)
    {
        var codes = _sampler(count, generator);
        if (codes.dim() != 2 || codes.shape[0] != count || codes.shape[1] != Dimensions)
            throw new InvalidOperationException($"The sampler of prior '{Spec}' returned [{string.Join(", ", codes.shape)}] for {count} codes of {Dimensions} dimensions.");
        return LatentPriors.OnDevice(codes.to(ScalarType.Float32), device);
    }
}
