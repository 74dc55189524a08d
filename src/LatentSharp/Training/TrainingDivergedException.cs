namespace LatentSharp.Training;

/// <summary>A loss or parameter became NaN or infinite; the last good checkpoint is kept.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, long step, string what)
        : base($"Training diverged at epoch {epoch + 1}, step {step}: {what} is not finite. " +
               "The last good checkpoint is kept; try a smaller learning rate.")
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>Zero-based epoch where it happened.</summary>
    public int Epoch { get; }

    /// <summary>Global step where it happened.</summary>
    public long Step { get; }
}
