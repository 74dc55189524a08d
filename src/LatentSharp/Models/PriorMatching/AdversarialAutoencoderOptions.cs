using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;
using LatentSharp.Training.Optimizers;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// Options of <see cref="AdversarialAutoencoder"/>. Three optimisers of the main optimiser's kind and
/// settings: <c>reconstruction</c> (encoder and decoder, at <see cref="GradientModelOptions.LearningRate"/>),
/// <c>discriminator</c> (at <see cref="PriorMatchingOptions.DiscriminatorLearningRate"/>) and
/// <c>generator</c> (the encoder's adversarial step, at <see cref="GeneratorLearningRate"/>).
/// </summary>
public sealed record AdversarialAutoencoderOptions : PriorMatchingOptions
{
    /// <summary>Learning rate of the encoder's step against the discriminator.</summary>
    [Description("Learning rate of the encoder's adversarial (generator) step, a number or a schedule")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public Schedule GeneratorLearningRate { get; init; } = Schedule.Constant(5e-4);

    /// <summary>The generator step's optimiser: the main optimiser's kind and settings at <see cref="GeneratorLearningRate"/>.</summary>
    public OptimizerSpec GeneratorOptimizer() => MainOptimizer() with { LearningRate = GeneratorLearningRate };
}
