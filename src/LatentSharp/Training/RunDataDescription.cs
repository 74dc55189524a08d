namespace LatentSharp.Training;

/// <summary>
/// What a run's data looked like when it was trained, kept in config.json so that a report written
/// later (<c>latent report</c>) describes the data without reading it again.
/// </summary>
/// <param name="TrainCount">Samples the model trained on.</param>
/// <param name="EvaluatedSplit">The split evaluated after each epoch (<c>test</c> or <c>validation</c>), or null when none was.</param>
/// <param name="EvaluatedCount">Samples of <paramref name="EvaluatedSplit"/>, or null.</param>
/// <param name="Notes">What the data reader decided for the user (e.g. which column holds the labels).</param>
public sealed record RunDataDescription(long TrainCount, string? EvaluatedSplit, long? EvaluatedCount, IReadOnlyList<string> Notes);
