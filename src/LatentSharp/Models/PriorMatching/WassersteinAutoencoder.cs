using LatentSharp.Data;
using LatentSharp.Layers.Kernels;
using LatentSharp.Layers.Priors;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// A Wasserstein autoencoder (Tolstikhin et al., ICLR 2018, https://arxiv.org/abs/1711.01558): minimises
/// E c(x, G(z)) + λ·D_Z(q(z), p(z)) over encoder Q and decoder G, with c(x, y) = ‖x − y‖² by default and
/// D_Z either
/// <list type="bullet">
/// <item>GAN (Algorithm 1): a code discriminator steps first (<c>discriminator</c> optimiser, prior samples
/// positive, codes negative), then Q and G step together (<c>main</c>) on cost + λ·(−mean log σ(D_Z(Q(x))));</item>
/// <item>MMD (Algorithm 2): Q and G step on cost + λ·MMD²_k(codes, prior samples), k the IMQ or RBF kernel.</item>
/// </list>
/// With the squared-L2 cost and λ = 1 the WAE-GAN objective is the adversarial autoencoder's: its
/// autoencoder loss is the AAE's reconstruction objective plus its encoder's adversarial objective, and
/// its discriminator loss is the AAE's (the AAE takes them as separate steps with separate optimisers).
/// Figures: <c>recon</c>; <c>d_loss</c> and <c>g_loss</c> (GAN) or <c>mmd</c> (MMD); <c>loss</c> = recon + λ·penalty.
/// </summary>
public sealed class WassersteinAutoencoder : PriorMatchingAutoencoder<WassersteinAutoencoderOptions>, IReconstructor
{
    const int VarianceSamples = 20_000;

    readonly IMmdKernel? _kernel;

    /// <summary>Builds the networks for samples of <paramref name="inputShape"/> and their optimisers.</summary>
    public WassersteinAutoencoder(string name, WassersteinAutoencoderOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device, discriminates: options.Penalty == CodePenalty.Gan)
    {
        DeclareOptimizer(MainOptimizerName, options.MainOptimizer(), ParametersOf("encoder", "decoder"));
        if (options.Penalty == CodePenalty.Gan)
            DeclareOptimizer(DiscriminatorName, options.DiscriminatorOptimizer(), ParametersOf(DiscriminatorName));
        else
        {
            double scale = options.KernelScale > 0 ? options.KernelScale : 2 * options.CodeSize * PriorVariance(Prior);
            _kernel = options.Kernel == MmdKernelKind.Imq ? new InverseMultiquadraticKernel(scale) : new RbfKernel(Math.Sqrt(scale));
        }
    }

    /// <summary>The MMD penalty's kernel (null for the GAN penalty).</summary>
    public IMmdKernel? Kernel => _kernel;

    /// <summary>Decoder output at the code of each sample, <c>[B, ...input shape]</c>.</summary>
    public Tensor Reconstruct(Tensor input) => ReconstructThroughMean(input, _ => null);

    /// <summary>GAN: a discriminator step, then the autoencoder's; MMD: the autoencoder's step.</summary>
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        var x = Flat(batch.Features);
        var figures = new Dictionary<string, double>();
        if (Options.Penalty == CodePenalty.Gan)
        {
            Tensor codes;
            using (no_grad()) codes = TrainingCodes(x, context.Generator);
            figures[DiscriminatorLoss] = DiscriminatorStep(codes, PriorCodes(x.shape[0], context.Generator));
        }
        Optimizer.ZeroGrad();
        var (loss, recon, penalty) = Terms(x, context.Generator);
        loss.backward();
        Optimizer.Step();
        figures[MetricKeys.Loss] = loss.item<float>();
        figures[MetricKeys.Reconstruction] = recon.item<float>();
        figures[PenaltyKey] = penalty.item<float>();
        return figures;
    }

    /// <summary>Evaluation on one batch: the objective and its terms (and, for GAN, the discriminator's loss).</summary>
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var x = Flat(batch.Features);
        var (loss, recon, penalty) = Terms(x, context.Generator);
        var parts = new Dictionary<string, Tensor> { [MetricKeys.Reconstruction] = recon, [PenaltyKey] = penalty };
        if (Options.Penalty == CodePenalty.Gan)
            parts[DiscriminatorLoss] = DiscriminatorLossOf(TrainingCodes(x, context.Generator), PriorCodes(x.shape[0], context.Generator));
        return new LossOutput(loss, parts);
    }

    /// <summary>The autoencoder's objective on flattened samples <paramref name="x"/>: cost + λ·penalty.</summary>
    internal Tensor AutoencoderObjective(Tensor x, Generator generator) => Terms(x, generator).Loss;

    string PenaltyKey => Options.Penalty == CodePenalty.Gan ? GeneratorLoss : MetricKeys.Mmd;

    (Tensor Loss, Tensor Recon, Tensor Penalty) Terms(Tensor x, Generator generator)
    {
        var codes = TrainingCodes(x, generator);
        var recon = ReconstructionCostOf(x, codes);
        var penalty = Options.Penalty == CodePenalty.Gan ? FoolingLossOf(codes) : MmdPenalty(codes, generator);
        return (recon + penalty * Options.Lambda, recon, penalty);
    }

    /// <summary>MMD² between the codes and as many prior samples; a one-sample batch takes the biased estimate (the unbiased one needs two).</summary>
    Tensor MmdPenalty(Tensor codes, Generator generator)
    {
        var statistic = codes.shape[0] < 2 ? MmdStatistic.Biased : Options.Statistic;
        return Mmd.Squared(codes, PriorCodes(codes.shape[0], generator), _kernel!, statistic).to(codes.dtype);
    }

    /// <summary>σ²_z: the prior's variance per coordinate, averaged over coordinates, from seeded samples.</summary>
    static double PriorVariance(ILatentPrior prior)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(1);
        return prior.Sample(VarianceSamples, random).to(ScalarType.Float64).var(0).mean().item<double>();
    }
}
