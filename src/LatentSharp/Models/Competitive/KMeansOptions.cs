using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Models.Competitive;

/// <summary>Hyper-parameters of <see cref="KMeans"/>.</summary>
public sealed record KMeansOptions : ModelOptions
{
    /// <summary>Number of clusters k (at most the number of training samples).</summary>
    [Description("Number of clusters k (at most the number of samples)")]
    [Range(1, 1_000_000)]
    public int Clusters { get; init; } = 8;

    /// <summary>Lloyd (exact, one iteration per epoch) or mini-batch (Sculley 2010, one update per batch).</summary>
    [Description("lloyd: exact iterations, one per epoch at any batch size; mini-batch: Sculley's per-centroid learning rates, one update per batch")]
    public KMeansAlgorithm Algorithm { get; init; } = KMeansAlgorithm.Lloyd;

    /// <summary>
    /// Independent k-means++ seedings; the one with the lowest inertia is kept (scikit-learn's
    /// <c>n_init</c>). With Lloyd and more than one restart, each restart runs Lloyd to convergence
    /// during data initialisation; with mini-batch the seedings are compared on the seeding sample.
    /// </summary>
    [Description("Restarts: k-means++ seedings (each followed by Lloyd to convergence when > 1), lowest inertia kept")]
    [Range(1, 1000)]
    public int Restarts { get; init; } = 1;

    /// <summary>Lloyd iterations per restart (in <see cref="KMeans.Fit(TorchSharp.torch.Tensor, long)"/> and during restarts), or mini-batch epochs in Fit.</summary>
    [Description("Maximum Lloyd iterations per restart (Fit and restarts; the trainer's --epochs bounds training)")]
    [Range(1, 1_000_000)]
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Converged when the total squared centroid movement of an iteration is at most this times
    /// the mean per-feature variance of the data (scikit-learn's rule). 0: only when nothing moves.
    /// </summary>
    [Description("Convergence: total squared centroid shift <= tolerance x mean feature variance (0: until nothing moves)")]
    [Range(0.0, 1.0)]
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Candidates tried per k-means++ step, the best kept (greedy k-means++); 0 means 2 + ln k as scikit-learn.</summary>
    [Description("Greedy k-means++: candidates per seeding step, best kept (0 = 2 + ln k)")]
    [Range(0, 10_000)]
    public int SeedingTrials { get; init; }

    /// <summary>Samples per distance block: memory for distances is this times k floats.</summary>
    [Description("Samples per distance block (memory: this x clusters floats)")]
    [Range(1, 1 << 24)]
    public int ChunkSize { get; init; } = 8192;

    /// <summary>
    /// Hamerly's distance bounds in Lloyd's iterations (<see cref="KMeans.Fit(TorchSharp.torch.Tensor, long)"/>,
    /// restarts and the trainer's epochs alike): the same assignments, measuring only samples that may change cluster.
    /// </summary>
    [Description("Lloyd with Hamerly's distance bounds (same result, fewer distance computations)")]
    public bool Bounds { get; init; } = true;

    /// <summary>The effective number of k-means++ candidates per step.</summary>
    internal int EffectiveSeedingTrials() => SeedingTrials > 0 ? SeedingTrials : 2 + (int)Math.Log(Clusters);
}
