using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// One Lloyd iteration, fed in pieces: per-cluster sums (float64) and counts of the samples
/// assigned so far, their total squared distance, and the <c>k</c> samples farthest from their
/// centroid (to re-seed empty clusters). <see cref="Finish"/> moves the centroids. The plain
/// iteration of <see cref="LloydIterations"/> and the empty-cluster fallback of the bounded one.
/// </summary>
internal sealed class LloydPass : IDisposable
{
    readonly int _chunk;

    public LloydPass(int clusters, long features, int chunk, Device device)
    {
        _chunk = chunk;
        // Owned (disposed by Dispose), whatever dispose scope is open when the pass is made.
        Sums = zeros(clusters, features, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        Counts = zeros(clusters, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        FarDistances = full(clusters, -1f, dtype: ScalarType.Float32, device: device).DetachFromDisposeScope();
        FarSamples = zeros(clusters, features, dtype: ScalarType.Float32, device: device).DetachFromDisposeScope();
        FarOwners = zeros(clusters, dtype: ScalarType.Int64, device: device).DetachFromDisposeScope();
    }

    /// <summary>Σ x per cluster, <c>[k, D]</c> float64.</summary>
    public Tensor Sums { get; }
    /// <summary>Samples per cluster, <c>[k]</c> float64.</summary>
    public Tensor Counts { get; }
    /// <summary>Squared distances of the farthest samples seen, descending; −1 marks an unused slot.</summary>
    public Tensor FarDistances { get; }
    /// <summary>The farthest samples, <c>[k, D]</c>.</summary>
    public Tensor FarSamples { get; }
    /// <summary>The cluster each farthest sample was assigned to.</summary>
    public Tensor FarOwners { get; }

    /// <summary>Starts a new iteration.</summary>
    public void Reset()
    {
        Sums.zero_();
        Counts.zero_();
        FarDistances.fill_(-1f);
    }

    /// <summary>
    /// Assigns <paramref name="x"/> <c>[n, D]</c> to the nearest of <paramref name="centroids"/> and
    /// accumulates; returns the summed squared distance.
    /// </summary>
    /// <param name="x">Samples, float32.</param>
    /// <param name="xSquared">Precomputed ‖x‖² <c>[n]</c>, or null to compute it.</param>
    /// <param name="centroids">Current centroids <c>[k, D]</c> (not changed).</param>
    public double Add(Tensor x, Tensor? xSquared, Tensor centroids)
    {
        using var scope = NewDisposeScope();
        int k = (int)centroids.shape[0];
        var centroidsT = centroids.t();
        var cSquared = centroids.square().sum(1).unsqueeze(0);
        var total = zeros(1, dtype: ScalarType.Float64, device: x.device);
        var sums32 = zeros(centroids.shape[0], centroids.shape[1], dtype: ScalarType.Float32, device: x.device);
        var counts = zeros(k, dtype: ScalarType.Float64, device: x.device);
        for (long start = 0; start < x.shape[0]; start += _chunk)
        {
            using var chunkScope = NewDisposeScope();
            long n = Math.Min(_chunk, x.shape[0] - start);
            var xc = x.narrow(0, start, n);
            var xSq = xSquared?.narrow(0, start, n) ?? xc.square().sum(1);
            var (nearest, labels) = addmm(cSquared, xc, centroidsT, beta: 1, alpha: -2).min(1);
            var distances = nearest.add_(xSq).clamp_min_(0);
            total.add_(distances.sum(type: ScalarType.Float64));
            // Per-cluster sums as one matmul: one-hotᵀ [k, n] · x [n, D].
            var oneHot = zeros(n, k, dtype: ScalarType.Float32, device: x.device).scatter_(1, labels.unsqueeze(1), ones(n, 1, dtype: ScalarType.Float32, device: x.device));
            sums32.add_(oneHot.t().mm(xc));
            counts.add_(oneHot.sum(0L, type: ScalarType.Float64));
            KeepFarthest(xc, distances, labels, k);
        }
        Sums.add_(sums32.to(ScalarType.Float64));
        Counts.add_(counts);
        return total.item<double>();
    }

    void KeepFarthest(Tensor x, Tensor distances, Tensor labels, int k)
    {
        var (values, rows) = distances.topk((int)Math.Min(k, distances.shape[0]));
        var (merged, order) = cat([FarDistances, values]).topk(k);
        var samples = cat([FarSamples, x.index_select(0, rows)]).index_select(0, order);
        var owners = cat([FarOwners, labels.index_select(0, rows)]).index_select(0, order);
        FarDistances.copy_(merged);
        FarSamples.copy_(samples);
        FarOwners.copy_(owners);
    }

    /// <summary>
    /// Moves <paramref name="centroids"/> to the means of their samples. An empty cluster takes the
    /// farthest remaining sample (which leaves its old cluster, as in scikit-learn); a cluster that
    /// stays empty keeps its centroid. Returns the total squared movement Σ‖c_new − c_old‖² of the
    /// stored (float32) centroids, so a tolerance of 0 means "nothing moved".
    /// </summary>
    public double Finish(Tensor centroids)
    {
        using var scope = NewDisposeScope();
        var empty = Counts.eq(0);
        if (empty.any().item<bool>()) Relocate(empty);
        var previous = centroids.to(ScalarType.Float64);
        var means = Sums / Counts.clamp_min(1).unsqueeze(1);
        centroids.copy_(where(Counts.eq(0).unsqueeze(1), previous, means));
        return centroids.to(ScalarType.Float64).sub_(previous).square().sum().item<double>();
    }

    void Relocate(Tensor empty)
    {
        var emptyClusters = empty.nonzero().squeeze(1).data<long>().ToArray();
        var distances = FarDistances.data<float>().ToArray();
        var owners = FarOwners.data<long>().ToArray();
        int next = 0;
        foreach (var cluster in emptyClusters)
        {
            // The farthest sample whose cluster keeps at least one other sample.
            while (next < distances.Length && (distances[next] <= 0 || Counts[owners[next]].item<double>() <= 1)) next++;
            if (next == distances.Length) return;
            using var sample = FarSamples[next].to(ScalarType.Float64);
            Sums[owners[next]].sub_(sample);
            Counts[owners[next]].sub_(1);
            Sums[cluster].copy_(sample);
            Counts[cluster].fill_(1);
            next++;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Sums.Dispose();
        Counts.Dispose();
        FarDistances.Dispose();
        FarSamples.Dispose();
        FarOwners.Dispose();
    }
}
