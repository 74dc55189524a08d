namespace LatentSharp.Evaluation;

/// <summary>How <see cref="NearestNeighborsClassifier"/> measures closeness.</summary>
public enum DistanceMetric
{
    /// <summary>Euclidean distance ‖a − b‖.</summary>
    Euclidean,
    /// <summary>Cosine distance 1 − a·b / (‖a‖ ‖b‖).</summary>
    Cosine,
}
