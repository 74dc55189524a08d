using LatentSharp.Training;

namespace LatentSharp.Reporting;

/// <summary>
/// One final figure of a run, as a report and a comparison show it: a training figure from the last
/// line of metrics.jsonl, or an estimator's result from evaluation.json, with everything needed to
/// tell whether two such figures measure the same thing.
/// </summary>
/// <param name="Metric">The figure's name without its split: <c>loss</c>, <c>recon</c>, <c>iwae.log_likelihood</c>.</param>
/// <param name="Split">The split it was computed on: <c>train</c>, <c>test</c>, <c>validation</c>.</param>
/// <param name="Estimator"><see cref="TrainingEstimator"/> for the last epoch's figures, else the estimator's catalogue name (<c>iwae</c>).</param>
/// <param name="Spec">The estimator's canonical spec (<c>iwae:k=1000</c>); <see cref="TrainingEstimator"/> for training figures.</param>
/// <param name="Data">What data the figure was computed on, e.g. <c>fashion-mnist-small/test</c>.</param>
/// <param name="Count">Samples it was computed on, when known.</param>
/// <param name="Value">The figure.</param>
/// <param name="Kind">Exact, bound, estimate or proxy; null when the run did not record one (old metrics lines).</param>
/// <param name="StandardError">The standard error of an estimate, else null.</param>
/// <param name="Unit">What it counts in (<c>nats</c>, <c>dB</c>), when known.</param>
/// <param name="Settings">Every option of the estimator as spec text (empty for training figures): figures whose settings differ are not comparable.</param>
/// <param name="Epoch">The epoch a training figure comes from; null for estimator results.</param>
public sealed record ReportedFigure(
    string Metric,
    string Split,
    string Estimator,
    string Spec,
    string Data,
    long? Count,
    double Value,
    MetricKind? Kind,
    double? StandardError,
    string? Unit,
    IReadOnlyDictionary<string, string> Settings,
    int? Epoch = null)
{
    /// <summary>The <see cref="Estimator"/> of figures the trainer wrote after the last epoch.</summary>
    public const string TrainingEstimator = "training";

    /// <summary>Whether this is a figure the trainer wrote (rather than an estimator's result).</summary>
    public bool FromTraining => Estimator == TrainingEstimator;
}
