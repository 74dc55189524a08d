using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// An adversarial autoencoder (Makhzani et al. 2015, https://arxiv.org/abs/1511.05644): an autoencoder
/// whose aggregated posterior q(z) is matched to any prior p(z) that can be sampled by a discriminator on
/// codes, optionally with the label-conditioned prior. Training: <see cref="AdversarialAutoencoderBase"/>.
/// </summary>
public sealed class AdversarialAutoencoder : AdversarialAutoencoderBase, IReconstructor
{
    /// <summary>Builds the networks for samples of <paramref name="inputShape"/> and their three optimisers.</summary>
    public AdversarialAutoencoder(string name, AdversarialAutoencoderOptions options, long[] inputShape, Device device)
        : base(name, Refuse(options), inputShape, device, decoderConditionSize: 0)
    {
    }

    static AdversarialAutoencoderOptions Refuse(AdversarialAutoencoderOptions options) => options.MatchEachClass
        ? throw new InvalidOptionException(nameof(options.MatchEachClass), true, "false for the unsupervised aae (it is the supervised-aae's: its decoder gets the class)")
        : options;

    /// <summary>Decoder output at the code of each sample, <c>[B, ...input shape]</c>.</summary>
    public Tensor Reconstruct(Tensor input) => ReconstructThroughMean(input, _ => null);
}
