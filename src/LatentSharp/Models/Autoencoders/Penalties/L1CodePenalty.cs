using static TorchSharp.torch;

namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>L1 sparsity on the code: λ · mean over the batch of Σ_k |h_k|.</summary>
public sealed class L1CodePenalty(double weight) : ICodePenalty
{
    /// <inheritdoc />
    public string Name => "l1";

    /// <inheritdoc />
    public Tensor Compute(PenaltyInput input) => input.Code.abs().sum(1).mean() * weight;
}
