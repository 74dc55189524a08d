using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>knn</c>: classifies each code of the evaluated split by the majority label of its k nearest
/// codes in the training split (<see cref="NearestNeighborsClassifier"/>) and reports
/// <c>knn.accuracy</c> (exact: counted on the whole split; no randomness).
/// </summary>
public sealed class NearestNeighborsEstimator(NearestNeighborsEstimator.Settings settings) : IEstimator
{
    /// <summary>How neighbours are found.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>Neighbours that vote.</summary>
        [Description("Neighbours that vote")]
        [Range(1, 10_000)]
        public int K { get; init; } = 5;

        /// <summary>The distance between codes.</summary>
        [Description("Distance between codes")]
        public DistanceMetric Metric { get; init; } = DistanceMetric.Euclidean;
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var encoder = (IEncoder)model;
        using var train = EncodedSplit.Of(encoder, context.RequireTrain("knn"), "knn", context.BatchSize);
        if (settings.K > train.Codes.shape[0])
            throw new EstimatorException($"'knn': k={settings.K} is more than the {train.Codes.shape[0]} training samples.");
        using var test = EncodedSplit.Of(encoder, context.Data, "knn", context.BatchSize);
        int classes = Classification.ClassCount(train.Labels, test.Labels);
        using var classifier = new NearestNeighborsClassifier(train.Codes, train.Labels, classes, settings.K, settings.Metric);
        return [new MetricValue("knn.accuracy", classifier.Accuracy(test.Codes, test.Labels), MetricKind.Exact, Unit: "fraction")];
    }
}
