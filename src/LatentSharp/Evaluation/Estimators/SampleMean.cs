namespace LatentSharp.Evaluation.Estimators;

/// <summary>The mean of independent per-sample (or per-block) figures and its standard error, the way every estimate here reports one.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardError">s / √n with s the sample standard deviation (divisor n − 1); null for a single value.</param>
public sealed record SampleMean(double Mean, double? StandardError)
{
    /// <summary>The mean of <paramref name="values"/> (at least one) and its standard error.</summary>
    public static SampleMean Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("A mean needs at least one value.", nameof(values));
        double mean = values.Average();
        if (values.Count == 1) return new SampleMean(mean, null);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new SampleMean(mean, Math.Sqrt(variance / values.Count));
    }
}
