namespace LatentSharp.Evaluation.Estimators;

/// <summary>A run's evaluation.json exists but cannot be read; the message names the file and what is wrong.</summary>
public sealed class EvaluationFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public EvaluationFileException(string message, Exception? inner = null) : base(message, inner) { }
}
