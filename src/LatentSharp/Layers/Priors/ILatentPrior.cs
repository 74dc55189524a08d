using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// A distribution over codes z ∈ ℝ^D that can be sampled: what an adversarial autoencoder matches its
/// aggregated posterior to, and what a generator decodes from. Priors with a density written down also
/// implement <see cref="IDensityPrior"/>. Parse one from text with <see cref="LatentPriors.Parse"/>.
/// </summary>
public interface ILatentPrior
{
    /// <summary>The spec that <see cref="LatentPriors.Parse"/> reads back to this prior, e.g. <c>mixture:10,radius=4,std=0.5</c>.</summary>
    string Spec { get; }

    /// <summary>D, the code size.</summary>
    int Dimensions { get; }

    /// <summary>Draws <paramref name="count"/> codes <c>[count, D]</c> (float32), randomness only from <paramref name="generator"/> (TorchSharp's global one when null).</summary>
    /// <param name="count">How many codes, ≥ 1.</param>
    /// <param name="generator">The random source; its device is where the codes are drawn.</param>
    /// <param name="device">Where the result goes (CPU when null).</param>
    Tensor Sample(long count, Generator? generator, Device? device = null);
}
