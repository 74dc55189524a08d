namespace LatentSharp.Training.Checkpoints;

/// <summary>A model or checkpoint file that cannot be used: missing, corrupted, or of another model.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message) : base(message) { }
}
