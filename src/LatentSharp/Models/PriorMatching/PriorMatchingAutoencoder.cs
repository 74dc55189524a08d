using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Layers.Priors;
using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// What adversarial and Wasserstein autoencoders share: a dense encoder x → z and decoder z → x trained
/// on a reconstruction cost, a prior p(z) that is only sampled, and a penalty in code space that pushes
/// the aggregated posterior q(z) = E_x q(z | x) toward p(z) — a code discriminator (AAE, WAE-GAN) or an
/// MMD (WAE-MMD). The subclasses say how the terms are weighted and stepped.
/// State: <c>encoder.*</c>, <c>decoder.*</c>, and <c>discriminator.*</c> for the adversarial penalties.
/// </summary>
/// <remarks>
/// The discriminator D outputs a logit, D(z) = log-odds that z came from the prior. Its loss is
/// <c>d_loss</c> = −mean log σ(D(z_prior)) − mean log(1 − σ(D(z_code))); the encoder's adversarial
/// (non-saturating) loss is <c>g_loss</c> = −mean log σ(D(z_code)).
/// </remarks>
public abstract class PriorMatchingAutoencoder<TOptions> : GradientModel<TOptions>, IEncoder, IGenerator, IDataChecked, IDrawsPictures
    where TOptions : PriorMatchingOptions
{
    /// <summary>Name of the code discriminator's optimiser (and prefix of its state).</summary>
    public const string DiscriminatorName = "discriminator";

    /// <summary>Metric keys of the adversarial terms.</summary>
    public const string DiscriminatorLoss = "d_loss", GeneratorLoss = "g_loss";

    readonly Networks _networks;
    readonly ILatentPrior _prior;
    // Sample's stream when the caller gives none; seeded from the construction seed, never the global state afterwards.
    readonly torch.Generator _ownRandom;

    /// <summary>Builds the encoder, the decoder and (when <paramref name="discriminates"/>) the code discriminator.</summary>
    /// <param name="name">Catalogue name.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="inputShape">One sample's shape.</param>
    /// <param name="device">Where the networks live.</param>
    /// <param name="discriminates">Whether the penalty needs a code discriminator.</param>
    /// <param name="decoderConditionSize">Values appended to the code at the decoder's input (a one-hot label), 0 for none.</param>
    /// <param name="discriminatorConditionSize">Values appended to a code at the discriminator's input, 0 for none.</param>
    protected PriorMatchingAutoencoder(string name, TOptions options, long[] inputShape, Device device, bool discriminates,
        int decoderConditionSize = 0, int discriminatorConditionSize = 0)
        : base(name, options, inputShape, device)
    {
        _prior = options.CreatePrior();
        int code = options.CodeSize;
        var encoder = Mlp.Build(InputSize, [.. options.HiddenSizes, options.GaussianEncoder ? 2 * code : code], options.Activation, ActivationKind.Linear);
        // The decoder ends on a pre-activation: BCE reads logits, the squared error the activation's output.
        var decoder = Mlp.Build(code + decoderConditionSize, [.. options.HiddenSizes.Reverse(), (int)InputSize], options.Activation, ActivationKind.Linear);
        var discriminator = discriminates ? Discriminator.Dense(code + discriminatorConditionSize, options.DiscriminatorHiddenSizes) : null;
        _ownRandom = new torch.Generator((ulong)randint(long.MaxValue, [1], dtype: ScalarType.Int64).item<long>(), device);
        _networks = new Networks(encoder, decoder, discriminator);
        Initialize(_networks);
    }

    /// <summary>The prior p(z) codes are matched to.</summary>
    public ILatentPrior Prior => _prior;

    /// <inheritdoc />
    public long CodeSize => Options.CodeSize;

    /// <summary>The encoder: <c>[B, D]</c> → <c>[B, CodeSize]</c> (or <c>[B, 2·CodeSize]</c>, μ then log σ², for a Gaussian encoder).</summary>
    protected Sequential EncoderNetwork => _networks.Encoder;

    /// <summary>The decoder: <c>[B, CodeSize + condition]</c> → pre-activation <c>[B, D]</c>.</summary>
    protected Sequential DecoderNetwork => _networks.Decoder;

    /// <summary>The code discriminator: <c>[B, CodeSize + condition]</c> → logit <c>[B, 1]</c>.</summary>
    protected Sequential DiscriminatorNetwork =>
        _networks.Discriminator ?? throw new InvalidOperationException($"{Name} has no code discriminator.");

    /// <summary>Parameters of the named networks (<c>encoder</c>, <c>decoder</c>, <c>discriminator</c>) under their state names, for declaring optimisers.</summary>
    protected IEnumerable<(string Name, Parameter Parameter)> ParametersOf(params string[] networks) =>
        _networks.named_parameters().Where(p => networks.Any(n => p.name.StartsWith(n + ".", StringComparison.Ordinal))).ToList();

    /// <summary>Every trained parameter under its state name (for tests that compare gradients).</summary>
    internal IEnumerable<(string Name, Parameter Parameter)> NamedParameters => ParametersOf("encoder", "decoder", DiscriminatorName);

    /// <summary>With the BCE cost, refuses data outside [0, 1].</summary>
    public virtual void CheckData(IBatchSource data)
    {
        if (Options.Cost != ReconstructionCost.Bce) return;
        var (minimum, maximum) = DataChecks.Range(data);
        if (minimum < 0 || maximum > 1)
            throw new ArgumentException($"{Name}'s bce cost needs values in [0, 1], but '{data.Name}' has values from {F(minimum)} to {F(maximum)}: " +
                                        "use --cost squared-error (with --output linear for values outside [0, 1]) or scale the data to [0, 1].");
    }

    static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The code of each sample (the encoder's mean for a Gaussian encoder), <c>[B, CodeSize]</c>.</summary>
    public Tensor Encode(Tensor input) => InferBatched(input, x => CodeMean(Flat(x)));

    /// <summary>Decodes codes <c>[B, CodeSize]</c> to outputs <c>[B, ...input shape]</c> (no gradient).</summary>
    public virtual Tensor Decode(Tensor codes) => DecodeWith(codes, null);

    /// <summary>Decodes codes <c>[B, CodeSize]</c> with <paramref name="condition"/> appended at the decoder's input (no gradient).</summary>
    protected Tensor DecodeWith(Tensor codes, Tensor? condition)
    {
        if (codes.dim() != 2 || codes.shape[1] != CodeSize)
            throw new ArgumentException($"Codes must be [B, {CodeSize}]; got [{string.Join(", ", codes.shape)}].", nameof(codes));
        return Infer(() => Output(DecoderPreactivation(codes.to(Device), condition?.to(Device))).reshape([codes.shape[0], .. InputShape]));
    }

    /// <summary>Draws z from the prior (and a condition, <see cref="SampleCondition"/>) and decodes it, <c>[count, ...input shape]</c>.</summary>
    public Tensor Sample(long count, torch.Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = generator ?? _ownRandom;
        return Infer(() =>
        {
            var codes = _prior.Sample(count, random, Device);
            return Output(DecoderPreactivation(codes, SampleCondition(count, random))).reshape([count, .. InputShape]);
        });
    }

    /// <summary>What the decoder is given beside a prior sample in <see cref="Sample"/>; none by default.</summary>
    protected virtual Tensor? SampleCondition(long count, torch.Generator generator) => null;

    /// <inheritdoc />
    public virtual IReadOnlyList<RunFile> DrawPictures(PictureContext context) => PriorMatchingPictures.Draw(this, context);

    /// <summary>Reconstructions <c>[B, ...input shape]</c> of <paramref name="input"/> through the code mean, with an optional decoder condition per sample.</summary>
    protected Tensor ReconstructThroughMean(Tensor input, Func<Tensor, Tensor?> condition) =>
        InferBatched(input, x => Output(DecoderPreactivation(CodeMean(Flat(x)), condition(x))).reshape([x.shape[0], .. InputShape]));

    /// <summary>Samples flattened to <c>[B, D]</c>.</summary>
    protected Tensor Flat(Tensor x) => x.reshape(x.shape[0], InputSize);

    /// <summary>z for training: μ(x) for a deterministic encoder, μ + σ·ε (ε from <paramref name="generator"/>) for a Gaussian one.</summary>
    protected Tensor TrainingCodes(Tensor flat, torch.Generator generator)
    {
        var output = EncoderNetwork.call(flat);
        if (!Options.GaussianEncoder) return output;
        var parts = output.chunk(2, 1);
        var noise = randn(parts[0].shape, generator: generator, device: generator.device).to(Device);
        return parts[0] + (parts[1] * 0.5).exp() * noise;
    }

    /// <summary>Draws as many prior codes as <paramref name="count"/> on the model's device.</summary>
    protected Tensor PriorCodes(long count, torch.Generator generator) => _prior.Sample(count, generator, Device);

    /// <summary>c(x, decoder(z)) summed over each sample's values, averaged over the batch (a scalar).</summary>
    protected Tensor ReconstructionCostOf(Tensor flat, Tensor codes, Tensor? condition = null)
    {
        var preactivation = DecoderPreactivation(codes, condition);
        return Options.Cost == ReconstructionCost.Bce
            ? binary_cross_entropy_with_logits(preactivation, flat, reduction: nn.Reduction.None).sum(1).mean()
            : (Output(preactivation) - flat).square().sum(1).mean();
    }

    /// <summary>The discriminator's loss on codes against prior codes (each with its condition, if any).</summary>
    protected Tensor DiscriminatorLossOf(Tensor codes, Tensor priorCodes, Tensor? codeCondition = null, Tensor? priorCondition = null) =>
        softplus(-Score(priorCodes, priorCondition)).mean() + softplus(Score(codes, codeCondition)).mean();

    /// <summary>The encoder's non-saturating adversarial loss −mean log σ(D(z)).</summary>
    protected Tensor FoolingLossOf(Tensor codes, Tensor? condition = null) => softplus(-Score(codes, condition)).mean();

    /// <summary>One step of the discriminator's optimiser on <paramref name="codes"/> (detached here) against <paramref name="priorCodes"/>; returns its loss.</summary>
    protected double DiscriminatorStep(Tensor codes, Tensor priorCodes, Tensor? codeCondition = null, Tensor? priorCondition = null)
    {
        var optimizer = Optimizers[DiscriminatorName];
        optimizer.ZeroGrad();
        var loss = DiscriminatorLossOf(codes.detach(), priorCodes, codeCondition, priorCondition);
        loss.backward();
        optimizer.Step();
        return loss.item<float>();
    }

    /// <summary>The decoder's pre-activation for codes <c>[B, CodeSize]</c>, with the condition appended when given.</summary>
    protected Tensor DecoderPreactivation(Tensor codes, Tensor? condition) =>
        DecoderNetwork.call(condition is null ? codes : cat([codes, condition], 1));

    /// <summary>The decoder's output from its pre-activation.</summary>
    protected Tensor Output(Tensor preactivation) => Options.Output == ActivationKind.Sigmoid ? preactivation.sigmoid() : preactivation;

    Tensor Score(Tensor codes, Tensor? condition) => DiscriminatorNetwork.call(condition is null ? codes : cat([codes, condition], 1));

    Tensor CodeMean(Tensor flat)
    {
        var output = EncoderNetwork.call(flat);
        return Options.GaussianEncoder ? output.narrow(1, 0, CodeSize) : output;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _ownRandom.Dispose();
        base.Dispose(disposing);
    }

    sealed class Networks : nn.Module
    {
        // Registered names become state names: encoder.*, decoder.*, discriminator.*
        readonly Sequential encoder;
        readonly Sequential decoder;
        readonly Sequential? discriminator;

        public Networks(Sequential encoder, Sequential decoder, Sequential? discriminator) : base("prior-matching")
        {
            this.encoder = encoder;
            this.decoder = decoder;
            this.discriminator = discriminator;
            register_module("encoder", encoder);
            register_module("decoder", decoder);
            if (discriminator is not null) register_module(DiscriminatorName, discriminator);
        }

        public Sequential Encoder => encoder;
        public Sequential Decoder => decoder;
        public Sequential? Discriminator => discriminator;

        protected override void Dispose(bool disposing)
        {
            if (disposing) { encoder.Dispose(); decoder.Dispose(); discriminator?.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
