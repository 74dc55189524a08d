namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// One estimator's result in a run's evaluation.json. Entries are keyed by (<see cref="Spec"/>,
/// <see cref="Split"/>, <see cref="Data"/>): evaluating the same spec on the same data again replaces
/// the entry; another estimator, or other data, adds one.
/// </summary>
public sealed record EvaluationEntry
{
    /// <summary>The canonical spec (name and the options that differ from the defaults), e.g. <c>knn:k=3</c>.</summary>
    public required string Spec { get; init; }

    /// <summary>The estimator's catalogue name, e.g. <c>knn</c>.</summary>
    public required string Estimator { get; init; }

    /// <summary>Every option's value, as spec text.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    /// <summary>The figures, each with its kind (and standard error for estimates).</summary>
    public required IReadOnlyList<MetricValue> Values { get; init; }

    /// <summary>Which split was evaluated: <c>test</c> or <c>train</c>.</summary>
    public required string Split { get; init; }

    /// <summary>Name of the evaluated data, e.g. <c>fashion-mnist-small/test</c>.</summary>
    public required string Data { get; init; }

    /// <summary>Samples evaluated.</summary>
    public required long Count { get; init; }

    /// <summary>Samples of the training split the estimator fitted on (probe, k-NN), or null when it fits nothing.</summary>
    public long? TrainCount { get; init; }

    /// <summary>Seed of the estimator's random source.</summary>
    public required long Seed { get; init; }

    /// <summary>Library version that computed the figures.</summary>
    public required string LibraryVersion { get; init; }

    /// <summary>When the figures were computed (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Whether this entry and <paramref name="other"/> are results of the same evaluation (one replaces the other).</summary>
    public bool SameEvaluationAs(EvaluationEntry other) =>
        Spec == other.Spec && Split == other.Split && Data == other.Data;
}
