using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Models.Adversarial;

/// <summary>
/// What a GAN and a WGAN share: a generator G (noise z ~ p(z) → sample) and a discriminator or critic
/// D (sample → score <c>[B, 1]</c>), each with its own named optimiser, trained in a k:1 alternation
/// on <see cref="TrainingContext.Step"/>: steps 0..k−1 of each cycle of k + 1 train D, step k trains G.
/// State names are <c>generator.*</c> and <c>{critic name}.*</c>; optimisers are named the same.
/// </summary>
public abstract class AdversarialModel<TOptions> : GradientModel<TOptions>, IGenerator where TOptions : AdversarialOptions
{
    /// <summary>Name of the generator's optimiser (and prefix of its state).</summary>
    public const string GeneratorName = "generator";

    readonly Pair _networks;
    // Sample's stream when the caller gives none; seeded from the construction seed, never the global state afterwards.
    readonly torch.Generator _ownRandom;

    /// <summary>Builds both networks and declares one optimiser per network, both from <see cref="GradientModelOptions.MainOptimizer"/>.</summary>
    /// <param name="name">Catalogue name.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="inputShape">One sample's shape.</param>
    /// <param name="device">Where the networks live.</param>
    /// <param name="criticName">The discriminator's name: <c>discriminator</c> or <c>critic</c>.</param>
    /// <param name="criticSteps">k, discriminator steps per generator step.</param>
    protected AdversarialModel(string name, TOptions options, long[] inputShape, Device device, string criticName, int criticSteps)
        : base(name, options, inputShape, device)
    {
        CriticName = criticName;
        CriticSteps = criticSteps;
        _networks = new Pair(criticName, AdversarialNetworks.Build(options, InputShape), AdversarialNetworks.Critic(options, InputShape));
        _ownRandom = new torch.Generator((ulong)randint(long.MaxValue, [1], dtype: ScalarType.Int64).item<long>(), device);
        Initialize(_networks);
        DeclareOptimizer(GeneratorName, options.MainOptimizer(), _networks.Generator.named_parameters());
        DeclareOptimizer(criticName, options.MainOptimizer(), _networks.Critic.named_parameters());
    }

    /// <summary>The discriminator's (critic's) name: its optimiser's name and state prefix.</summary>
    public string CriticName { get; }

    /// <summary>k: discriminator (critic) steps per generator step.</summary>
    public int CriticSteps { get; }

    /// <summary>The generator G: <c>[B, NoiseSize]</c> → <c>[B, ...InputShape]</c>.</summary>
    protected Sequential GeneratorNetwork => _networks.Generator;

    /// <summary>The discriminator or critic D: <c>[B, ...InputShape]</c> → <c>[B, 1]</c>.</summary>
    protected Sequential CriticNetwork => _networks.Critic;

    /// <summary>True when <paramref name="step"/> (a <see cref="TrainingContext.Step"/>) trains the generator: the last of every k + 1 steps.</summary>
    public bool IsGeneratorStep(long step) => step % (CriticSteps + 1) == CriticSteps;

    /// <summary>Noise z ~ p(z), <c>[count, NoiseSize]</c>, drawn from <paramref name="generator"/>.</summary>
    protected Tensor Noise(long count, torch.Generator generator) =>
        Options.NoiseDistribution == NoiseDistribution.Uniform
            ? rand([count, Options.NoiseSize], generator: generator, device: Device) * 2 - 1
            : randn([count, Options.NoiseSize], generator: generator, device: Device);

    /// <summary>A batch's samples as <c>[B, ...InputShape]</c>.</summary>
    protected Tensor Real(Data.Batch batch) => batch.Features.reshape([batch.Size, .. InputShape]);

    /// <summary>
    /// One generator step: generates from <paramref name="noise"/>, scores it with the critic, and steps
    /// only the generator's optimiser on <paramref name="loss"/> of those scores. Returns the scores (for
    /// the figures) and the loss.
    /// </summary>
    protected (Tensor FakeScores, Tensor Loss) GeneratorStep(Tensor noise, Func<Tensor, Tensor> loss)
    {
        var optimizer = Optimizers[GeneratorName];
        optimizer.ZeroGrad();
        var fakeScores = CriticNetwork.call(GeneratorNetwork.call(noise));
        var g = loss(fakeScores);
        g.backward();
        optimizer.Step();   // only the generator moves; the critic's gradients are zeroed before its next step
        return (fakeScores, g);
    }

    /// <inheritdoc />
    public Tensor Sample(long count, torch.Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return _networks.Generator.call(Noise(count, generator ?? _ownRandom)).MoveToOuterDisposeScope();
        }
        finally { Network.train(); }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _ownRandom.Dispose();
        base.Dispose(disposing);
    }

    // Field names become state names: generator.*, then discriminator.* or critic.* (registered under the critic's name).
    sealed class Pair : nn.Module
    {
        readonly Sequential generator;
        readonly Sequential critic;

        public Pair(string criticName, Sequential generator, Sequential critic) : base("adversarial")
        {
            this.generator = generator;
            this.critic = critic;
            register_module(GeneratorName, generator);
            register_module(criticName, critic);
        }

        public Sequential Generator => generator;
        public Sequential Critic => critic;

        protected override void Dispose(bool disposing)
        {
            if (disposing) { generator.Dispose(); critic.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
