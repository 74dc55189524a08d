namespace LatentSharp.Data;

/// <summary>What <see cref="Dataset.Describe"/> reports about a dataset.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Count">Number of samples, N.</param>
/// <param name="SampleShape">Shape of one sample, e.g. <c>[1, 28, 28]</c> or <c>[D]</c>.</param>
/// <param name="Minimum">Smallest feature value.</param>
/// <param name="Maximum">Largest feature value.</param>
/// <param name="Mean">Mean of all feature values.</param>
/// <param name="LabelCounts">
/// Samples per label, in increasing label order, for the labels that occur; null when the dataset
/// has no labels.
/// </param>
public sealed record DatasetSummary(
    string Name,
    long Count,
    IReadOnlyList<long> SampleShape,
    double Minimum,
    double Maximum,
    double Mean,
    IReadOnlyList<(long Label, long Count)>? LabelCounts);
