using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Evaluation;

/// <summary>How a <see cref="LinearProbe"/> is fitted.</summary>
public sealed record LinearProbeOptions : ModelOptions
{
    /// <summary>L2 penalty λ: the objective is mean cross-entropy + λ/2 ‖W‖² (bias not penalised).</summary>
    [Description("L2 penalty lambda on the weights (objective: mean cross-entropy + lambda/2 ||W||^2)")]
    [Range(0.0, 1e3)]
    public double L2 { get; init; } = 1e-4;

    /// <summary>Passes of Adam over the training features.</summary>
    [Description("Passes over the training features")]
    [Range(1, 100_000)]
    public int Epochs { get; init; } = 30;

    /// <summary>Minibatch size.</summary>
    [Description("Minibatch size")]
    [Range(1, 1_000_000)]
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's initial step size; it decays linearly to zero over the run (a deterministic schedule).</summary>
    [Description("Initial Adam step size (decays linearly to 0)")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Standardise each feature with the training mean and standard deviation first.</summary>
    [Description("Standardise features with the training mean and standard deviation")]
    public bool Standardize { get; init; } = true;

    /// <summary>Seeds the weight initialisation (zeros, so only the batch order) and the minibatch order.</summary>
    [Description("Seed of the minibatch order")]
    public long Seed { get; init; } = 1;
}
