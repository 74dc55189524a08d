namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// An estimator that cannot run as asked: a bad spec (unknown name or key, bad value), a model
/// without the capability the estimator needs, or data it cannot use (no labels, no training split).
/// The message says what is wrong and what is allowed.
/// </summary>
public sealed class EstimatorException : ArgumentException
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public EstimatorException(string message) : base(message) { }
}
