using static TorchSharp.torch;

namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>
/// Ng's sparse-autoencoder penalty: β Σ_k KL(ρ ‖ ρ̂_k), where ρ̂_k is unit k's mean activation over
/// the batch and KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂)). Needs code activations in (0, 1).
/// </summary>
public sealed class KLSparsityPenalty(double target, double weight) : ICodePenalty
{
    /// <inheritdoc />
    public string Name => "sparsity_kl";

    /// <inheritdoc />
    public Tensor Compute(PenaltyInput input)
    {
        var mean = input.Code.mean([0]).clamp(1e-6, 1 - 1e-6);
        var kl = target * (target / mean).log() + (1 - target) * ((1 - target) / (1 - mean)).log();
        return kl.sum() * weight;
    }
}
