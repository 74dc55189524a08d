using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, with scikit-learn's local trials):
/// the first centroid is a uniformly drawn sample; each next one is the best, by resulting
/// potential Σ min‖x − c‖², of <c>trials</c> candidates drawn with probability ∝ D(x)².
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>Seeds <paramref name="clusters"/> centroids from <paramref name="x"/> <c>[N, D]</c> (float32); returns <c>[k, D]</c>.</summary>
    /// <param name="x">Samples, <c>[N, D]</c>.</param>
    /// <param name="xSquared">‖x‖² per sample, <c>[N]</c>.</param>
    /// <param name="clusters">k ≤ N.</param>
    /// <param name="trials">Candidates per step (≥ 1).</param>
    /// <param name="generator">The only random source.</param>
    public static Tensor Seed(Tensor x, Tensor xSquared, int clusters, int trials, Generator generator)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        var centers = empty(clusters, x.shape[1], dtype: x.dtype, device: x.device);
        long first = randint(0, n, [1], generator: generator, dtype: ScalarType.Int64).item<long>();
        centers[0].copy_(x[first]);
        var closest = SquaredDistances(x, xSquared, x.narrow(0, first, 1)).squeeze(1);  // [N] float64
        double potential = closest.sum().item<double>();
        for (int c = 1; c < clusters; c++)
        {
            using var step = NewDisposeScope();
            var targets = rand(new long[] { trials }, dtype: ScalarType.Float64, generator: generator).to(x.device) * potential;
            var ids = searchsorted(closest.cumsum(0L), targets).clamp_max(n - 1);
            var candidates = x.index_select(0, ids);                                  // [t, D]
            var distances = minimum(SquaredDistances(x, xSquared, candidates), closest.unsqueeze(1)); // [N, t]
            var potentials = distances.sum(0L);
            long best = potentials.argmin().item<long>();
            potential = potentials[best].item<double>();
            closest.copy_(distances[.., best]);
            centers[c].copy_(candidates[best]);
        }
        return centers.MoveToOuterDisposeScope();
    }

    /// <summary>‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², clamped at 0, as float64 <c>[N, t]</c>.</summary>
    static Tensor SquaredDistances(Tensor x, Tensor xSquared, Tensor centers)
    {
        var cSquared = centers.square().sum(1);
        return addmm(cSquared.unsqueeze(0), x, centers.t(), beta: 1, alpha: -2).add_(xSquared.unsqueeze(1)).clamp_min_(0).to(ScalarType.Float64);
    }
}
