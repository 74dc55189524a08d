using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Evaluation;

/// <summary>Settings of <see cref="WassersteinCritic.Estimate"/>. Defaults: the WGAN paper's clip and RMSprop step size (5e-5 at c = 0.01).</summary>
public sealed record WassersteinCriticOptions : ModelOptions
{
    /// <summary>Critic weights are clipped to [−c, c] after every step (and drawn uniformly in it at the start).</summary>
    [Description("Weight clip c of the critic")]
    [Range(1e-6, 10.0)]
    public double Clip { get; init; } = 0.01;

    /// <summary>RMSprop steps of the critic.</summary>
    [Description("Critic training steps")]
    [Range(1, 1_000_000)]
    public int Steps { get; init; } = 1000;

    /// <summary>Samples of each set per critic step.</summary>
    [Description("Samples of each set per critic step")]
    [Range(1, 100_000)]
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// RMSprop step size; unset, <see cref="Clip"/> / 200 (the paper's 5e-5 at c = 0.01). RMSprop's steps are about
    /// this size whatever the gradient's scale, so the critic needs about c / step-size steps to cross its box:
    /// a step size fixed while c grows leaves the critic near its random start (bench/results/wgan.md).
    /// </summary>
    [Description("RMSprop learning rate of the critic (default: clip / 200)")]
    [Range(1e-9, 1.0)]
    public double? LearningRate { get; init; }

    /// <summary>The step size used: <see cref="LearningRate"/>, or <see cref="Clip"/> / 200 when unset.</summary>
    public double EffectiveLearningRate => LearningRate ?? Clip / 200;

    /// <summary>Hidden sizes of the dense critic (LeakyReLU 0.2).</summary>
    [Description("Critic hidden sizes, comma-separated")]
    public int[] HiddenSizes { get; init; } = [64, 64];

    /// <summary>Fraction of each set held out: the critic trains on the rest and is scored on it.</summary>
    [Description("Fraction of each set held out for scoring")]
    [Range(0.05, 0.95)]
    public double HeldOutFraction { get; init; } = 0.25;

    /// <summary>Held-out batches the standard error is computed over.</summary>
    [Description("Held-out batches for the standard error")]
    [Range(2, 1000)]
    public int HeldOutBatches { get; init; } = 10;

    /// <inheritdoc />
    protected override void ValidateRelations() => RequireEach(nameof(HiddenSizes), HiddenSizes, 1, 100_000, minCount: 0);
}
