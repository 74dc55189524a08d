namespace LatentSharp.Training;

/// <summary>
/// A loss or parameter became NaN or infinite: the condition <c>diverged</c>
/// (<see cref="TrainingCondition.Diverged"/>). The last good checkpoint is kept; with a run folder the
/// <see cref="Trainer"/> records the failure in failure.json (<see cref="RunFailure"/>) and says so.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">Zero-based epoch where it happened.</param>
    /// <param name="step">Global step where it happened.</param>
    /// <param name="what">What is not finite, e.g. <c>the training loss</c> or <c>parameter 'encoder.0.weight'</c>.</param>
    /// <param name="recordedIn">The failure.json the failure was written to, or null.</param>
    public TrainingDivergedException(int epoch, long step, string what, string? recordedIn = null)
        : base($"Training diverged at epoch {epoch + 1}, step {step}: {what} is not finite (condition '{TrainingCondition.Diverged}'" +
               (recordedIn is null ? ")" : $", recorded in {recordedIn})") +
               ". The last good checkpoint is kept; try a smaller learning rate.")
    {
        Epoch = epoch;
        Step = step;
        What = what;
        RecordedIn = recordedIn;
    }

    /// <summary>Zero-based epoch where it happened.</summary>
    public int Epoch { get; }

    /// <summary>Global step where it happened.</summary>
    public long Step { get; }

    /// <summary>What is not finite.</summary>
    public string What { get; }

    /// <summary>The failure.json the failure was recorded in, or null without a run folder.</summary>
    public string? RecordedIn { get; }

    /// <summary>The condition's name: <see cref="TrainingCondition.Diverged"/>.</summary>
    public string Condition => TrainingCondition.Diverged;
}
