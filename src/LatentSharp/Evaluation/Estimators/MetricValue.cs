using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>One figure an estimator reports, with what kind of number it is.</summary>
/// <param name="Metric">Stable key, e.g. <c>probe.accuracy</c>, <c>loss</c>, <c>bits_per_dim</c>.</param>
/// <param name="Value">The figure.</param>
/// <param name="Kind">Exact, bound, estimate or proxy (see <see cref="MetricKind"/>).</param>
/// <param name="StandardError">For <see cref="MetricKind.Estimate"/> figures, the standard error of <paramref name="Value"/>; otherwise null.</param>
/// <param name="Unit">What the figure counts in (<c>nats</c>, <c>bits/dim</c>, <c>dB</c>, <c>fraction</c>), or null.</param>
public sealed record MetricValue(string Metric, double Value, MetricKind Kind, double? StandardError = null, string? Unit = null);
