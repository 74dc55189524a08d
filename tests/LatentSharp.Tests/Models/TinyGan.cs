using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Tests.Models;

/// <summary>Options of <see cref="TinyGan"/>; both optimisers follow the shared optimiser options.</summary>
public sealed record TinyGanOptions : GradientModelOptions
{
    /// <summary>Size of the generator's Gaussian noise input.</summary>
    [Description("Noise size")]
    [Range(1, 1024)]
    public int NoiseSize { get; init; } = 2;

    /// <summary>Units of the one hidden layer of each network.</summary>
    [Description("Hidden units of generator and discriminator")]
    [Range(1, 4096)]
    public int HiddenSize { get; init; } = 16;

    /// <summary>Discriminator steps before each generator step.</summary>
    [Description("Discriminator steps per generator step")]
    [Range(1, 100)]
    public int DiscriminatorSteps { get; init; } = 5;
}

/// <summary>
/// A test-only GAN (Goodfellow et al. 2014, non-saturating generator loss): a one-hidden-layer
/// generator (noise → sample) and discriminator (sample → logit), each with its own named optimiser,
/// trained in a k:1 alternation by <see cref="TrainingContext.Step"/> (steps 0..k−1 of each cycle train
/// the discriminator, step k the generator). It is the engine's two-optimiser, partial-metric case:
/// <c>d_loss</c> is reported on discriminator steps only and <c>g_loss</c> on generator steps only.
/// Registered as <see cref="ModelName"/>, so the contract suite runs it like any model.
/// </summary>
public sealed class TinyGan : GradientModel<TinyGanOptions>, IGenerator
{
    /// <summary>Catalogue name.</summary>
    public const string ModelName = "test-gan";

    /// <summary>Metric keys of the two losses.</summary>
    public const string DiscriminatorLoss = "d_loss", GeneratorLoss = "g_loss";

    static readonly Lazy<bool> Registration = new(() =>
    {
        ModelCatalog.Register(new ModelDescriptor(ModelName, "Test-only GAN: MLP generator and discriminator, 5:1 alternation",
            typeof(TinyGanOptions), () => new TinyGanOptions(),
            (name, options, shape, device) => new TinyGan(name, (TinyGanOptions)options, shape, device)));
        return true;
    });

    readonly GanNetwork _network;
    // Sample's stream when the caller gives none; seeded from the construction seed, never the global state.
    readonly Generator _ownRandom;

    /// <summary>Builds both networks for samples of <paramref name="inputShape"/> and declares their optimisers.</summary>
    public TinyGan(string name, TinyGanOptions options, long[] inputShape, Device device) : base(name, options, inputShape, device)
    {
        _network = new GanNetwork(Perceptron(options.NoiseSize, options.HiddenSize, InputSize), Perceptron(InputSize, options.HiddenSize, 1));
        _ownRandom = new Generator((ulong)randint(long.MaxValue, [1], dtype: ScalarType.Int64).item<long>(), device);
        Initialize(_network);
        DeclareOptimizer("generator", options.MainOptimizer(), _network.Generator.named_parameters());
        DeclareOptimizer("discriminator", options.MainOptimizer(), _network.Discriminator.named_parameters());
    }

    // Leaky slope 0.2 (as in DCGAN): with 0.01 the discriminator's gradient at the fakes is too weak to move them in a short test.
    static Sequential Perceptron(long input, int hidden, long output) =>
        nn.Sequential(("0", nn.Linear(input, hidden)), ("1", nn.LeakyReLU(0.2)), ("2", nn.Linear(hidden, output)));

    /// <summary>Registers the model in the catalogue once per test process.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    /// <summary>True when <paramref name="step"/> (a <see cref="TrainingContext.Step"/>) trains the generator.</summary>
    public bool IsGeneratorStep(long step) => step % (Options.DiscriminatorSteps + 1) == Options.DiscriminatorSteps;

    /// <inheritdoc />
    public Tensor Sample(long count, Generator? generator = null)
    {
        _network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var noise = randn([count, Options.NoiseSize], generator: generator ?? _ownRandom, device: Device);
            return _network.Generator.call(noise).reshape([count, .. InputShape]).MoveToOuterDisposeScope();
        }
        finally { _network.train(); }
    }

    /// <summary>One discriminator or one generator step, by <see cref="IsGeneratorStep"/>; the noise comes from the training stream.</summary>
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        var real = batch.Features.reshape(batch.Size, -1);
        var noise = randn([batch.Size, Options.NoiseSize], generator: context.Generator, device: Device);
        string trained = IsGeneratorStep(context.Step) ? "generator" : "discriminator";
        var optimizer = Optimizers[trained];
        optimizer.ZeroGrad();
        Tensor loss;
        if (trained == "generator") loss = GeneratorLossOf(_network.Generator.call(noise));
        else
        {
            Tensor fake;
            using (no_grad()) fake = _network.Generator.call(noise);   // the generator is not trained on this step
            loss = DiscriminatorLossOf(real, fake);
        }
        loss.backward();
        optimizer.Step();
        double value = loss.item<float>();
        return new Dictionary<string, double> { [MetricKeys.Loss] = value, [trained == "generator" ? GeneratorLoss : DiscriminatorLoss] = value };
    }

    /// <summary>Both losses on one batch (evaluation): loss is their sum.</summary>
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var noise = randn([batch.Size, Options.NoiseSize], generator: context.Generator, device: Device);
        var fake = _network.Generator.call(noise);
        var d = DiscriminatorLossOf(batch.Features.reshape(batch.Size, -1), fake);
        var g = GeneratorLossOf(fake);
        return new LossOutput(d + g, new Dictionary<string, Tensor> { [DiscriminatorLoss] = d, [GeneratorLoss] = g });
    }

    // -log σ(D(x)) - log(1 - σ(D(G(z)))), written with softplus on logits for stability.
    Tensor DiscriminatorLossOf(Tensor real, Tensor fake) =>
        softplus(-_network.Discriminator.call(real)).mean() + softplus(_network.Discriminator.call(fake)).mean();

    // Non-saturating: -log σ(D(G(z))).
    Tensor GeneratorLossOf(Tensor fake) => softplus(-_network.Discriminator.call(fake)).mean();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _ownRandom.Dispose();
        base.Dispose(disposing);
    }

    sealed class GanNetwork : nn.Module
    {
        // Field names become state names: generator.*, discriminator.*
        readonly Sequential generator, discriminator;

        public GanNetwork(Sequential generator, Sequential discriminator) : base("tiny-gan")
        {
            this.generator = generator;
            this.discriminator = discriminator;
            RegisterComponents();
        }

        public Sequential Generator => generator;
        public Sequential Discriminator => discriminator;

        protected override void Dispose(bool disposing)
        {
            if (disposing) { generator.Dispose(); discriminator.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
