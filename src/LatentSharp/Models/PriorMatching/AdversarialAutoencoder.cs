using LatentSharp.Data;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// An adversarial autoencoder (Makhzani et al. 2015, https://arxiv.org/abs/1511.05644): an autoencoder
/// whose aggregated posterior q(z) is matched to any prior p(z) that can be sampled, by a discriminator
/// on codes. Every batch has the paper's two phases:
/// <list type="number">
/// <item>reconstruction: the encoder and decoder step on the cost c(x, decoder(encoder(x))) (<c>reconstruction</c> optimiser);</item>
/// <item>regularisation: the discriminator steps on prior samples (positive) against the batch's codes
/// (negative) (<c>discriminator</c>), then the encoder steps to fool it, −mean log σ(D(encoder(x)))
/// (<c>generator</c>, over the encoder's parameters only).</item>
/// </list>
/// Figures: <c>recon</c>, <c>d_loss</c>, <c>g_loss</c>, each from its own step; <c>loss</c> = <c>recon</c>.
/// </summary>
public sealed class AdversarialAutoencoder : PriorMatchingAutoencoder<AdversarialAutoencoderOptions>, IReconstructor
{
    /// <summary>Names of the reconstruction phase's and the encoder's adversarial step's optimisers.</summary>
    public const string ReconstructionName = "reconstruction", GeneratorName = "generator";

    /// <summary>Builds the networks for samples of <paramref name="inputShape"/> and their three optimisers.</summary>
    public AdversarialAutoencoder(string name, AdversarialAutoencoderOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device, discriminates: true)
    {
        DeclareOptimizer(ReconstructionName, options.MainOptimizer(), ParametersOf("encoder", "decoder"));
        DeclareOptimizer(DiscriminatorName, options.DiscriminatorOptimizer(), ParametersOf(DiscriminatorName));
        DeclareOptimizer(GeneratorName, options.GeneratorOptimizer(), ParametersOf("encoder"));
    }

    /// <summary>Decoder output at the code of each sample, <c>[B, ...input shape]</c>.</summary>
    public Tensor Reconstruct(Tensor input) => ReconstructThroughMean(input, _ => null);

    /// <summary>The reconstruction phase, then the regularisation phase (discriminator, then the encoder against it).</summary>
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        var x = Flat(batch.Features);
        var reconstruction = Optimizers[ReconstructionName];
        reconstruction.ZeroGrad();
        var recon = ReconstructionObjective(x, context.Generator);
        recon.backward();
        reconstruction.Step();

        Tensor codes;
        using (no_grad()) codes = TrainingCodes(x, context.Generator);
        double d = DiscriminatorStep(codes, PriorCodes(x.shape[0], context.Generator));

        var generator = Optimizers[GeneratorName];
        generator.ZeroGrad();
        var fooling = FoolingObjective(x, context.Generator);
        fooling.backward();
        generator.Step();   // the encoder only; the discriminator's gradients are zeroed before its next step

        double r = recon.item<float>();
        return new Dictionary<string, double>
        {
            [MetricKeys.Loss] = r,
            [MetricKeys.Reconstruction] = r,
            [DiscriminatorLoss] = d,
            [GeneratorLoss] = fooling.item<float>(),
        };
    }

    /// <summary>Evaluation on one batch: <c>loss</c> = <c>recon</c>, with <c>d_loss</c> and <c>g_loss</c> against fresh prior samples.</summary>
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var x = Flat(batch.Features);
        var codes = TrainingCodes(x, context.Generator);
        var recon = ReconstructionCostOf(x, codes);
        return new LossOutput(recon, new Dictionary<string, Tensor>
        {
            [MetricKeys.Reconstruction] = recon,
            [DiscriminatorLoss] = DiscriminatorLossOf(codes, PriorCodes(x.shape[0], context.Generator)),
            [GeneratorLoss] = FoolingLossOf(codes),
        });
    }

    /// <summary>The reconstruction phase's objective on flattened samples <paramref name="x"/>: the mean cost.</summary>
    internal Tensor ReconstructionObjective(Tensor x, Generator generator) => ReconstructionCostOf(x, TrainingCodes(x, generator));

    /// <summary>The encoder's adversarial objective on flattened samples <paramref name="x"/>: −mean log σ(D(encoder(x))).</summary>
    internal Tensor FoolingObjective(Tensor x, Generator generator) => FoolingLossOf(TrainingCodes(x, generator));

    /// <summary>The discriminator's objective on flattened samples against <paramref name="priorCodes"/>.</summary>
    internal Tensor DiscriminatorObjective(Tensor x, Tensor priorCodes, Generator generator) =>
        DiscriminatorLossOf(TrainingCodes(x, generator).detach(), priorCodes);
}
