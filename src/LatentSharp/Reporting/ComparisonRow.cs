namespace LatentSharp.Reporting;

/// <summary>
/// One line of a <see cref="RunComparison"/>: a figure (metric, split, estimator) across the runs,
/// and why its values must not be read side by side, if they must not.
/// </summary>
/// <param name="Metric">The figure's name, e.g. <c>loss</c>, <c>iwae.log_likelihood</c>.</param>
/// <param name="Split">The split it was computed on.</param>
/// <param name="Estimator"><see cref="ReportedFigure.TrainingEstimator"/> or the estimator's name.</param>
/// <param name="Variant">When one run holds several results of this estimator (other settings, other data): which one this line is (its spec, and data when needed); else null.</param>
/// <param name="Figures">One entry per run, in the comparison's run order; null where the run has no such figure.</param>
/// <param name="Flags">Why the figures are not comparable (different data, binarisation, estimator settings, kind, ...), one sentence each; empty when they are.</param>
public sealed record ComparisonRow(string Metric, string Split, string Estimator, string? Variant, IReadOnlyList<ReportedFigure?> Figures, IReadOnlyList<string> Flags)
{
    /// <summary>Whether the runs' figures on this line may be compared (no flag).</summary>
    public bool Comparable => Flags.Count == 0;

    /// <summary>What produced the figures, as a table shows it: the variant's spec, else the estimator.</summary>
    public string Source => Variant ?? Estimator;
}
