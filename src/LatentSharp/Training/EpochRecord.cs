namespace LatentSharp.Training;

/// <summary>
/// One line of metrics.jsonl: an epoch's figures, the phase it belonged to, the kind of each figure and
/// the warnings the epoch raised.
/// </summary>
/// <param name="Values">Figures by key: <c>epoch</c>, <c>step</c>, <c>seconds</c>, <c>train.loss</c>, <c>test.recon</c>, ...</param>
/// <param name="Phase">Name of the phase (see <see cref="TrainingPhase"/>); null for a model without phases.</param>
/// <param name="Kinds">Kind of each metric key that has one (bookkeeping keys such as <c>epoch</c> have none).</param>
public sealed record EpochRecord(IReadOnlyDictionary<string, double> Values, string? Phase, IReadOnlyDictionary<string, MetricKind> Kinds)
{
    /// <summary>Named conditions found after this epoch (a stuck discriminator, mode collapse); empty when none.</summary>
    public IReadOnlyList<TrainingCondition> Warnings { get; init; } = [];

    /// <summary>A value, or NaN when absent.</summary>
    public double this[string key] => Values.TryGetValue(key, out var v) ? v : double.NaN;
}
