using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// A prior whose density is written down, so a model can back-propagate through log p(z): a VAE's KL
/// term needs it, an adversarial autoencoder does not (it only samples).
/// </summary>
public interface IDensityPrior : ILatentPrior
{
    /// <summary>
    /// log p(z) in nats, <c>[B]</c> for codes <c>[B, D]</c>, differentiable in z; −∞ outside the support.
    /// </summary>
    Tensor LogDensity(Tensor codes);

    /// <summary>
    /// Whether the density is positive on all of ℝ^D. A Gaussian posterior puts mass everywhere, so
    /// KL(q ‖ p) is infinite under a prior with bounded support (the uniform box).
    /// </summary>
    bool HasFullSupport { get; }
}
