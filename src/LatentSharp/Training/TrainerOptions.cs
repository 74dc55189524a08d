using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Training;

/// <summary>How the <see cref="Trainer"/> runs (not how a model learns: that is the model's options).</summary>
public sealed record TrainerOptions : ModelOptions
{
    /// <summary>Passes over the training data.</summary>
    [Description("Number of epochs")]
    [Range(1, 1_000_000)]
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per minibatch.</summary>
    [Description("Minibatch size")]
    [Range(1, 1_000_000)]
    public int BatchSize { get; init; } = 128;

    /// <summary>Seeds weight initialisation, shuffling and every random step.</summary>
    [Description("Random seed: the same seed gives the same numbers on the same machine")]
    public long Seed { get; init; } = 1;

    /// <summary>Stop when the validation loss has not improved for this many epochs (0 = never).</summary>
    [Description("Early stopping patience in epochs (0 = off)")]
    [Range(0, 1_000_000)]
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Smallest decrease of the validation loss that counts as an improvement.</summary>
    [Description("Smallest validation-loss decrease that counts as improvement")]
    [Range(0.0, double.MaxValue)]
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Also checkpoint every this many steps inside an epoch (0 = only at epoch ends).</summary>
    [Description("Checkpoint every N steps within an epoch (0 = at epoch ends only)")]
    [Range(0, long.MaxValue)]
    public long CheckpointEverySteps { get; init; }
}
