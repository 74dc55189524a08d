using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// k-nearest-neighbour classification on stored features: each query takes the majority label of
/// its <c>k</c> nearest training samples (ties go to the class whose neighbours are closer in
/// rank). Distances are computed batch by batch as one matrix product per batch of queries, on
/// the features' device.
/// </summary>
public sealed class NearestNeighborsClassifier : IDisposable
{
    readonly Tensor _features, _squaredNorms, _labels;
    readonly int _classes;

    /// <summary>Stores the training <paramref name="features"/> <c>[N, D]</c> and integer <paramref name="labels"/> <c>[N]</c>.</summary>
    /// <param name="features">Training features.</param>
    /// <param name="labels">Their classes, in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="k">Neighbours that vote, in [1, N]; 5 is usual.</param>
    /// <param name="metric">Euclidean or cosine.</param>
    public NearestNeighborsClassifier(Tensor features, Tensor labels, int classes, int k = 5, DistanceMetric metric = DistanceMetric.Euclidean)
    {
        LinearProbe.CheckInputs(features, labels, classes);
        if (k < 1 || k > features.shape[0])
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {features.shape[0]}] (the number of training samples).");
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "Euclidean or Cosine.");
        K = k;
        Metric = metric;
        _classes = classes;
        using var scope = NewDisposeScope();
        var x = features.to(ScalarType.Float32).detach();
        if (metric == DistanceMetric.Cosine) x = Normalize(x);
        _features = x.contiguous().MoveToOuterDisposeScope();
        _squaredNorms = x.square().sum(1).MoveToOuterDisposeScope();
        _labels = labels.to(ScalarType.Int64).to(x.device).MoveToOuterDisposeScope();
    }

    const long MaxBlockBytes = 30L << 20;

    /// <summary>Neighbours that vote.</summary>
    public int K { get; }

    /// <summary>The distance used.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>Predicted classes <c>[M]</c> (int64) for <paramref name="queries"/> <c>[M, D]</c>.</summary>
    public Tensor Predict(Tensor queries, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.dim() != 2 || queries.shape[1] != _features.shape[1])
            throw new ArgumentException($"Queries must be [M, {_features.shape[1]}]; got [{string.Join(", ", queries.shape)}].", nameof(queries));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Rank weights: the nearest neighbour's vote counts a hair more, which breaks ties deterministically.
        var rankBonus = (1 + (K - arange(K, dtype: ScalarType.Float32, device: _features.device)) * (0.5f / (K * K + 1))).unsqueeze(0);
        var parts = new List<Tensor>();
        // A [batch, N] distance block above glibc's 32 MB mmap ceiling would be fresh zeroed pages every
        // batch (millions of page faults for 60,000 stored samples); blocks under it are reused from the heap.
        long rows = Math.Max(1, Math.Min(batchSize, MaxBlockBytes / (sizeof(float) * _features.shape[0])));
        for (long start = 0; start < queries.shape[0]; start += rows)
        {
            using var batchScope = NewDisposeScope();
            var q = queries.narrow(0, start, Math.Min(rows, queries.shape[0] - start)).to(ScalarType.Float32).to(_features.device);
            if (Metric == DistanceMetric.Cosine) q = Normalize(q);
            // ‖q − x‖² = ‖q‖² − 2 q·x + ‖x‖²; the ‖q‖² term does not change the ranking.
            var distances = _squaredNorms.unsqueeze(0) - 2 * q.matmul(_features.t());
            var (_, nearest) = distances.topk(K, dim: 1, largest: false, sorted: true);
            var neighbourLabels = _labels.index_select(0, nearest.reshape(-1)).reshape(nearest.shape);
            var votes = zeros(q.shape[0], _classes, device: q.device).scatter_add_(1, neighbourLabels, rankBonus.expand(q.shape[0], K).contiguous());
            parts.Add(votes.argmax(1).MoveToOuterDisposeScope());
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Fraction of <paramref name="queries"/> classified as their <paramref name="labels"/>.</summary>
    public double Accuracy(Tensor queries, Tensor labels, int batchSize = 512)
    {
        using var predicted = Predict(queries, batchSize);
        return Classification.Accuracy(predicted, labels);
    }

    static Tensor Normalize(Tensor x) => x / x.norm(1, keepdim: true).clamp_min(1e-12);

    /// <inheritdoc />
    public void Dispose()
    {
        _features.Dispose();
        _squaredNorms.Dispose();
        _labels.Dispose();
    }
}
