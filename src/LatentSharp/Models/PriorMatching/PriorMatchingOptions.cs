using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers;
using LatentSharp.Layers.Priors;
using LatentSharp.Options;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// Hyper-parameters every autoencoder whose codes are pushed toward a prior shares (adversarial and
/// Wasserstein autoencoders): the dense encoder and decoder, the cost, the prior, the encoder's noise,
/// and the code discriminator of the adversarial penalties. The main optimiser (<c>--lr</c>) trains
/// the encoder and decoder on the reconstruction.
/// </summary>
public abstract record PriorMatchingOptions : GradientModelOptions
{
    /// <summary>Size of the code z.</summary>
    [Description("Code size (the prior's dimension)")]
    [Range(1, 100_000)]
    public int CodeSize { get; init; } = 8;

    /// <summary>Encoder hidden-layer sizes; the decoder mirrors them.</summary>
    [Description("Encoder hidden layer sizes, comma-separated (decoder mirrors them)")]
    public int[] HiddenSizes { get; init; } = [512, 256];

    /// <summary>Non-linearity between hidden layers.</summary>
    [Description("Hidden activation: relu, leaky-relu, sigmoid, tanh, elu, gelu, linear")]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>The decoder's output activation: sigmoid for data in [0, 1], linear for real data.</summary>
    [Description("Decoder output activation: sigmoid (data in [0,1]) or linear")]
    public ActivationKind Output { get; init; } = ActivationKind.Sigmoid;

    /// <summary>The cost c(x, y), summed over a sample and averaged over the batch.</summary>
    [Description("Reconstruction cost: squared-error (||x - y||^2, summed) or bce (sigmoid output, data in [0,1])")]
    public ReconstructionCost Cost { get; init; } = ReconstructionCost.SquaredError;

    /// <summary>The prior p(z) the codes are matched to; only sampled, so any prior of <see cref="LatentPriors.Grammar"/> fits.</summary>
    [Description("Prior p(z), only sampled: gaussian, mixture:K,radius=R,std=S, uniform:LOW,HIGH, swiss-roll[:scale=S,noise=N] (2-D)")]
    public string Prior { get; init; } = "gaussian";

    /// <summary>
    /// A Gaussian encoder q(z | x) = N(μ(x), diag σ²(x)) sampled by reparameterisation while training,
    /// instead of the deterministic z = μ(x); <c>Encode</c> returns μ(x) either way.
    /// </summary>
    [Description("Gaussian encoder (reparameterised z = mu + sigma*eps while training) instead of a deterministic one")]
    public bool GaussianEncoder { get; init; }

    /// <summary>Hidden sizes of the code discriminator (adversarial penalties only).</summary>
    [Description("Code discriminator hidden sizes, comma-separated (adversarial penalties only)")]
    public int[] DiscriminatorHiddenSizes { get; init; } = [512, 512];

    /// <summary>The code discriminator's learning rate (its optimiser is otherwise the main one's kind and settings).</summary>
    [Description("Code discriminator learning rate, a number or a schedule (adversarial penalties only)")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public Schedule DiscriminatorLearningRate { get; init; } = Schedule.Constant(5e-4);

    /// <summary>The prior over <see cref="CodeSize"/> dimensions, refused by name when unreadable or of another dimension.</summary>
    /// <exception cref="InvalidOptionException">The spec cannot be read, or does not fit the code size.</exception>
    public ILatentPrior CreatePrior()
    {
        try { return LatentPriors.Parse(Prior, CodeSize); }
        catch (FormatException e) { throw new InvalidOptionException(nameof(Prior), Prior, $"a prior over {CodeSize}-dimensional codes ({e.Message})"); }
    }

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        RequireEach(nameof(HiddenSizes), HiddenSizes, 1, 1_000_000, minCount: 0);
        RequireEach(nameof(DiscriminatorHiddenSizes), DiscriminatorHiddenSizes, 1, 1_000_000, minCount: 0);
        if (Output is not (ActivationKind.Sigmoid or ActivationKind.Linear))
            throw new InvalidOptionException(nameof(Output), Output, "sigmoid or linear");
        if (Cost == ReconstructionCost.Bce && Output != ActivationKind.Sigmoid)
            throw new InvalidOptionException(nameof(Cost), Cost, "squared-error with a linear output (bce needs the sigmoid output)");
        _ = CreatePrior();
    }

    /// <summary>The code discriminator's optimiser: the main optimiser's kind and settings at <see cref="DiscriminatorLearningRate"/>.</summary>
    public Training.Optimizers.OptimizerSpec DiscriminatorOptimizer() => MainOptimizer() with { LearningRate = DiscriminatorLearningRate };
}
