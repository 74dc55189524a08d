using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers.Priors;
using LatentSharp.Options;
using LatentSharp.Training.Optimizers;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// Options of the adversarial autoencoders (<see cref="AdversarialAutoencoder"/>,
/// <see cref="SupervisedAdversarialAutoencoder"/>). Three optimisers of the main optimiser's kind and
/// settings: <c>reconstruction</c> (encoder and decoder, at <see cref="GradientModelOptions.LearningRate"/>),
/// <c>discriminator</c> (at <see cref="PriorMatchingOptions.DiscriminatorLearningRate"/>) and
/// <c>generator</c> (the encoder's adversarial step, at <see cref="GeneratorLearningRate"/>).
/// </summary>
public sealed record AdversarialAutoencoderOptions : PriorMatchingOptions
{
    /// <summary>
    /// Learning rate of the encoder's step against the discriminator. The reconstruction step and this one are
    /// two Adam optimisers over the encoder, each moving it by about its own rate whatever its gradient's size,
    /// so their balance is the ratio of the rates: with <see cref="LabelConditionedPrior"/>, where a class's codes
    /// must cross the code space to their component, use at least twice <c>--lr</c> (2e-3 at the default 1e-3;
    /// at the default 5e-4 a class can stay on another's component — bench/results/aae.md).
    /// </summary>
    [Description("Learning rate of the encoder's adversarial (generator) step, a number or a schedule; with --label-conditioned-prior use at least twice --lr (e.g. 2e-3)")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public Schedule GeneratorLearningRate { get; init; } = Schedule.Constant(5e-4);

    /// <summary>Number of classes: labels are 0 … Classes − 1 (label-conditioned prior, supervised variant).</summary>
    [Description("Number of classes, labels 0..classes-1 (label-conditioned prior and the supervised variant)")]
    [Range(2, 1000)]
    public int Classes { get; init; } = 10;

    /// <summary>
    /// Match each class's codes to its own component of the mixture prior (which must have
    /// <see cref="Classes"/> components); the discriminator sees the class, or "unlabelled". Reaches the
    /// components for every seed measured only with <see cref="GeneratorLearningRate"/> at twice the main rate or more.
    /// </summary>
    [Description("Label-conditioned prior: class k's codes go to component k of --prior mixture:K (K = --classes); needs labels; set --generator-learning-rate to twice --lr")]
    public bool LabelConditionedPrior { get; init; }

    /// <summary>Fraction of samples whose label the label-conditioned prior uses (chosen by a fixed hash of each sample).</summary>
    [Description("Label-conditioned prior: fraction of samples treated as labelled (a fixed hash of each sample picks them)")]
    [Range(0.0, 1.0)]
    public double LabelledFraction { get; init; } = 1;

    /// <summary>The generator step's optimiser: the main optimiser's kind and settings at <see cref="GeneratorLearningRate"/>.</summary>
    public OptimizerSpec GeneratorOptimizer() => MainOptimizer() with { LearningRate = GeneratorLearningRate };

    /// <summary>The mixture prior the label-conditioned prior needs, or null when it is off.</summary>
    /// <exception cref="InvalidOptionException">The prior is not a mixture with <see cref="Classes"/> components.</exception>
    public GaussianMixturePrior? ConditionedMixture()
    {
        if (!LabelConditionedPrior) return null;
        return CreatePrior() is GaussianMixturePrior { Components: var k } mixture && k == Classes
            ? mixture
            : throw new InvalidOptionException(nameof(Prior), Prior, $"mixture:{Classes} (one component per class) with --label-conditioned-prior");
    }

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        base.ValidateRelations();
        _ = ConditionedMixture();
    }
}
