using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// The two ways a density figure is reported. Sign convention: <c>log_likelihood</c> is the mean
/// log p(x) in nats per sample (natural log; higher is better, ≤ 0 for discrete data);
/// <c>bits_per_dim</c> is the negative log-likelihood in bits per input dimension,
/// −log p(x) / (D · ln 2) (lower is better). A lower bound on the log-likelihood (ELBO, IWAE-k) is
/// therefore an upper bound on bits per dimension; both figures keep the same kind.
/// </summary>
public static class DensityUnits
{
    /// <summary>Key of the mean log-likelihood in nats per sample.</summary>
    public const string LogLikelihoodKey = "log_likelihood";

    /// <summary>Key of the negative log-likelihood in bits per dimension.</summary>
    public const string BitsPerDimensionKey = "bits_per_dim";

    /// <summary>bits/dim = −<paramref name="logLikelihood"/> / (<paramref name="dimensions"/> · ln 2).</summary>
    /// <param name="logLikelihood">log p(x) in nats per sample.</param>
    /// <param name="dimensions">D, the number of values in one sample (e.g. 784 for a 28×28 image), ≥ 1.</param>
    public static double BitsPerDimension(double logLikelihood, long dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return -logLikelihood / (dimensions * Math.Log(2));
    }

    /// <summary>The inverse of <see cref="BitsPerDimension"/>: log p(x) in nats per sample.</summary>
    public static double LogLikelihood(double bitsPerDimension, long dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return -bitsPerDimension * dimensions * Math.Log(2);
    }

    /// <summary>
    /// A mean log-likelihood as the two figures, <c>{prefix}log_likelihood</c> (nats) and
    /// <c>{prefix}bits_per_dim</c>, both of <paramref name="kind"/>; a standard error (nats) is
    /// scaled to bits per dimension too (its sign dropped).
    /// </summary>
    public static IReadOnlyList<MetricValue> Figures(string prefix, double logLikelihood, long dimensions, MetricKind kind, double? standardError = null) =>
    [
        new(prefix + LogLikelihoodKey, logLikelihood, kind, standardError, "nats"),
        new(prefix + BitsPerDimensionKey, BitsPerDimension(logLikelihood, dimensions), kind,
            standardError is { } se ? se / (dimensions * Math.Log(2)) : null, "bits/dim"),
    ];
}
