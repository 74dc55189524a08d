namespace LatentSharp.Models.Competitive;

/// <summary>How <see cref="KMeans"/> updates its centroids.</summary>
public enum KMeansAlgorithm
{
    /// <summary>
    /// Exact Lloyd iterations: every sample is assigned, then each centroid moves to the mean of its
    /// samples. Under the trainer one epoch is one iteration, whatever the batch size (sums and
    /// counts accumulate over the epoch's batches; the centroids move after its last batch).
    /// </summary>
    Lloyd,

    /// <summary>
    /// Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering"): each batch moves every
    /// centroid towards the mean of its batch samples with a per-centroid learning rate 1/count, so a
    /// centroid is the running mean of every sample ever assigned to it. One update per batch.
    /// </summary>
    MiniBatch,
}
