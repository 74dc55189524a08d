using LatentSharp.Data;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// The adversarial autoencoder's training (Makhzani et al. 2015, https://arxiv.org/abs/1511.05644), shared
/// by the unsupervised and the supervised variant. Every batch has the paper's two phases:
/// <list type="number">
/// <item>reconstruction: the encoder and decoder step on the cost c(x, decoder(encoder(x))) (<c>reconstruction</c> optimiser);</item>
/// <item>regularisation: the discriminator steps on prior samples (positive) against the batch's codes
/// (negative) (<c>discriminator</c>), then the encoder steps to fool it, −mean log σ(D(encoder(x)))
/// (<c>generator</c>, over the encoder's parameters only).</item>
/// </list>
/// With <see cref="AdversarialAutoencoderOptions.LabelConditionedPrior"/> the discriminator also sees each
/// sample's class (or "unlabelled") and labelled samples are matched to their class's mixture component
/// (<see cref="LabelConditionedPrior"/>). Figures: <c>recon</c>, <c>d_loss</c>, <c>g_loss</c>, each from its
/// own step; <c>loss</c> = <c>recon</c>.
/// </summary>
public abstract class AdversarialAutoencoderBase : PriorMatchingAutoencoder<AdversarialAutoencoderOptions>
{
    /// <summary>Names of the reconstruction phase's and the encoder's adversarial step's optimisers.</summary>
    public const string ReconstructionName = "reconstruction", GeneratorName = "generator";

    readonly LabelConditionedPrior? _conditioned;

    /// <summary>
    /// Builds the networks and the three optimisers; <paramref name="decoderConditionSize"/> values are appended to
    /// the decoder's code, <paramref name="discriminatorConditionSize"/> to the discriminator's (the label-conditioned prior sets its own).
    /// </summary>
    protected AdversarialAutoencoderBase(string name, AdversarialAutoencoderOptions options, long[] inputShape, Device device, int decoderConditionSize,
        int discriminatorConditionSize = 0)
        : base(name, options, inputShape, device, discriminates: true, decoderConditionSize,
            discriminatorConditionSize: options.LabelConditionedPrior ? options.Classes + 1 : discriminatorConditionSize)
    {
        if (options.ConditionedMixture() is { } mixture) _conditioned = new LabelConditionedPrior(mixture, InputSize, options.LabelledFraction);
        DeclareOptimizer(ReconstructionName, options.MainOptimizer(), ParametersOf("encoder", "decoder"));
        DeclareOptimizer(DiscriminatorName, options.DiscriminatorOptimizer(), ParametersOf(DiscriminatorName));
        DeclareOptimizer(GeneratorName, options.GeneratorOptimizer(), ParametersOf("encoder"));
    }

    /// <summary>Whether training reads the batch's labels (the label-conditioned prior, the supervised decoder).</summary>
    protected virtual bool NeedsLabels => _conditioned is not null;

    /// <summary>What the decoder is given beside the code while training on <paramref name="batch"/>; none by default.</summary>
    protected virtual Tensor? DecoderCondition(Batch batch) => null;

    /// <summary>Besides the cost's range, data that training reads labels of must have labels in [0, classes) (negative: unlabelled).</summary>
    public override void CheckData(IBatchSource data)
    {
        base.CheckData(data);
        if (NeedsLabels) ClassLabels.Check(Name, data, Options.Classes, allowUnlabelled: _conditioned is not null);
    }

    /// <summary>The reconstruction phase, then the regularisation phase (discriminator, then the encoder against it).</summary>
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        var x = Flat(batch.Features);
        var reconstruction = Optimizers[ReconstructionName];
        reconstruction.ZeroGrad();
        var recon = ReconstructionObjective(x, DecoderCondition(batch), context.Generator);
        recon.backward();
        reconstruction.Step();

        var (condition, priorCodes) = Regularisation(batch, x, context.Generator);
        Tensor codes;
        using (no_grad()) codes = TrainingCodes(x, context.Generator);
        double d = DiscriminatorStep(codes, priorCodes, condition, condition);

        var generator = Optimizers[GeneratorName];
        generator.ZeroGrad();
        var fooling = FoolingObjective(x, condition, context.Generator);
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
        var recon = ReconstructionCostOf(x, codes, DecoderCondition(batch));
        var (condition, priorCodes) = Regularisation(batch, x, context.Generator);
        return new LossOutput(recon, new Dictionary<string, Tensor>
        {
            [MetricKeys.Reconstruction] = recon,
            [DiscriminatorLoss] = DiscriminatorLossOf(codes, priorCodes, condition, condition),
            [GeneratorLoss] = FoolingLossOf(codes, condition),
        });
    }

    /// <summary>The reconstruction phase's objective on flattened samples <paramref name="x"/>: the mean cost.</summary>
    internal Tensor ReconstructionObjective(Tensor x, Tensor? decoderCondition, Generator generator) =>
        ReconstructionCostOf(x, TrainingCodes(x, generator), decoderCondition);

    /// <summary>The encoder's adversarial objective on flattened samples <paramref name="x"/>: −mean log σ(D(encoder(x))).</summary>
    internal Tensor FoolingObjective(Tensor x, Tensor? condition, Generator generator) => FoolingLossOf(TrainingCodes(x, generator), condition);

    /// <summary>The discriminator's objective on flattened samples <paramref name="x"/> against <paramref name="priorCodes"/>.</summary>
    internal Tensor DiscriminatorObjective(Tensor x, Tensor priorCodes, Generator generator) =>
        DiscriminatorLossOf(TrainingCodes(x, generator).detach(), priorCodes);

    /// <summary>The discriminator's condition (null without the label-conditioned prior) and the prior codes to match the batch to.</summary>
    protected virtual (Tensor? Condition, Tensor PriorCodes) Regularisation(Batch batch, Tensor x, Generator generator)
    {
        if (_conditioned is null) return (null, PriorCodes(x.shape[0], generator));
        var labels = batch.Labels ?? throw new InvalidOperationException($"{Name}: the label-conditioned prior needs labelled batches (CheckData refuses data without labels).");
        var (condition, codes) = _conditioned.Draw(x, labels, generator, Device);
        return (condition, codes);
    }
}
