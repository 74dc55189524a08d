using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.Autoencoders;

/// <summary>The output activation and reconstruction loss every autoencoder here shares.</summary>
internal static class ReconstructionErrors
{
    /// <summary>The decoder's output from its pre-activation.</summary>
    public static Tensor Output(OutputActivation output, Tensor preactivation) =>
        output == OutputActivation.Sigmoid ? preactivation.sigmoid() : preactivation;

    /// <summary>Per-sample summed reconstruction error, averaged over the batch.</summary>
    public static Tensor Of(ReconstructionLoss loss, OutputActivation output, Tensor preactivation, Tensor target)
    {
        long batchSize = target.shape[0];
        return loss switch
        {
            // The fused logits form is the numerically stable (and faster) BCE of sigmoid(output).
            ReconstructionLoss.Bce => binary_cross_entropy_with_logits(preactivation, target, reduction: nn.Reduction.Sum) / batchSize,
            ReconstructionLoss.Mse => mse_loss(Output(output, preactivation), target, nn.Reduction.Sum) / batchSize,
            _ => throw new InvalidOperationException($"Unknown loss {loss}."),
        };
    }
}
