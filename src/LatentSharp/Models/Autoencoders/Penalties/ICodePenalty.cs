using static TorchSharp.torch;

namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>What a penalty may look at: the encoder's input, its code, and the encoder itself.</summary>
/// <param name="Input">The (possibly corrupted) encoder input, <c>[B, ...input shape]</c>.</param>
/// <param name="Code">The code computed from <paramref name="Input"/>, <c>[B, K]</c>.</param>
/// <param name="Encode">The encoder, for penalties that need its derivatives (contractive).</param>
/// <param name="Encoder">
/// The encoder's module, for penalties that read its weights (the contractive closed forms), or null.
/// </param>
public sealed record PenaltyInput(Tensor Input, Tensor Code, Func<Tensor, Tensor> Encode, nn.Module? Encoder = null);

/// <summary>
/// A regulariser added to an autoencoder's reconstruction loss (sparsity, contraction). Its
/// value, already weighted, is added to the loss and reported under <see cref="Name"/>.
/// </summary>
public interface ICodePenalty
{
    /// <summary>Stable metric key, e.g. <c>l1</c>, <c>sparsity_kl</c>, <c>contractive</c>.</summary>
    string Name { get; }

    /// <summary>The weighted penalty, a scalar averaged over the batch.</summary>
    Tensor Compute(PenaltyInput input);
}
