using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// Lloyd's iterations with Hamerly's distance bounds (G. Hamerly, "Making k-means even faster",
/// SDM 2010), on tensors. Each sample keeps an upper bound on the distance to its centroid and a
/// lower bound on the distance to every other one; after the centroids move, the bounds move by
/// the shifts, and only samples whose bounds no longer prove their assignment are measured again.
/// Per-cluster sums are updated only for samples that changed cluster. The assignments are
/// Lloyd's: a sample is skipped only when its bounds, widened by the float32 rounding of the
/// distance formula, rule out a change. Late iterations touch a few percent of the data.
/// </summary>
internal static class HamerlyLloyd
{
    /// <summary>
    /// Runs Lloyd from <paramref name="centroids"/> (updated in place) until the squared shift is
    /// within <paramref name="tolerance"/> or <paramref name="maxIterations"/>; empty clusters are
    /// handled by <paramref name="relocate"/>, a plain Lloyd iteration (which re-seeds them).
    /// </summary>
    public static (int Iterations, bool Converged) Run(Tensor x, Tensor xSquared, Tensor centroids, double tolerance,
        int maxIterations, int chunk, Func<Tensor, double> relocate)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        int k = (int)centroids.shape[0];
        var labels = empty(n, dtype: ScalarType.Int64, device: x.device);
        var upper = empty(n, dtype: ScalarType.Float64, device: x.device);
        var lower = empty(n, dtype: ScalarType.Float64, device: x.device);
        var sums = zeros(k, x.shape[1], dtype: ScalarType.Float64, device: x.device);
        var counts = zeros(k, dtype: ScalarType.Float64, device: x.device);
        AssignAll(x, xSquared, centroids, chunk, labels, upper, lower, sums, counts);
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            using var step = NewDisposeScope();
            if (counts.eq(0).any().item<bool>())
            {
                // Rare: let the plain iteration re-seed the empty clusters, then start the bounds afresh.
                double relocatedShift = relocate(centroids);
                if (relocatedShift <= tolerance) return (iteration, true);
                AssignAll(x, xSquared, centroids, chunk, labels, upper, lower, sums, counts);
                continue;
            }
            var previous = centroids.to(ScalarType.Float64);
            var means = sums / counts.unsqueeze(1);
            var shifts = (means - previous).square().sum(1);
            centroids.copy_(means);
            if (shifts.sum().item<double>() <= tolerance) return (iteration, true);
            MoveBounds(shifts.sqrt(), labels, upper, lower);
            Reassign(x, xSquared, centroids, chunk, labels, upper, lower, sums, counts);
        }
        return (maxIterations, false);
    }

    /// <summary>Upper bounds grow by the own centroid's shift; lower bounds shrink by the largest shift of another centroid.</summary>
    static void MoveBounds(Tensor shifts, Tensor labels, Tensor upper, Tensor lower)
    {
        upper.add_(shifts.index_select(0, labels));
        var (top, which) = shifts.topk(Math.Min(2, (int)shifts.shape[0]));
        var largest = top[0];
        var secondLargest = top.shape[0] > 1 ? top[1] : top[0];
        lower.sub_(where(labels.eq(which[0]), secondLargest, largest)).clamp_min_(0);
    }

    /// <summary>Measures again the samples whose bounds fail and moves the changed ones between the sums.</summary>
    static void Reassign(Tensor x, Tensor xSquared, Tensor centroids, int chunk, Tensor labels, Tensor upper, Tensor lower, Tensor sums, Tensor counts)
    {
        // Half the distance from each centroid to its nearest other centroid: a sample closer than
        // that to its own centroid cannot be nearer to another (triangle inequality).
        var c64 = centroids.to(ScalarType.Float64);
        var self = eye(c64.shape[0], dtype: ScalarType.Bool, device: c64.device);
        var separation = cdist(c64, c64).masked_fill_(self, double.PositiveInfinity).min(1).values.mul_(0.5);
        var bound = maximum(separation.index_select(0, labels), lower);
        var suspects = upper.gt(bound).nonzero().squeeze(1);
        for (long start = 0; start < suspects.shape[0]; start += chunk)
        {
            using var scope = NewDisposeScope();
            var rows = suspects.narrow(0, start, Math.Min(chunk, suspects.shape[0] - start));
            var before = labels.index_select(0, rows);
            var after = Measure(x.index_select(0, rows), xSquared.index_select(0, rows), centroids, rows, labels, upper, lower);
            var moved = after.ne(before).nonzero().squeeze(1);
            if (moved.shape[0] == 0) continue;
            var movedX = x.index_select(0, rows.index_select(0, moved)).to(ScalarType.Float64);
            sums.index_add_(0, after.index_select(0, moved), movedX, 1);
            sums.index_add_(0, before.index_select(0, moved), movedX, -1);
            var one = ones(moved.shape[0], dtype: ScalarType.Float64, device: x.device);
            counts.index_add_(0, after.index_select(0, moved), one, 1);
            counts.index_add_(0, before.index_select(0, moved), one, -1);
        }
    }

    /// <summary>Assigns every sample and rebuilds the sums and counts.</summary>
    static void AssignAll(Tensor x, Tensor xSquared, Tensor centroids, int chunk, Tensor labels, Tensor upper, Tensor lower, Tensor sums, Tensor counts)
    {
        sums.zero_();
        counts.zero_();
        for (long start = 0; start < x.shape[0]; start += chunk)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(chunk, x.shape[0] - start);
            var rows = arange(start, start + length, dtype: ScalarType.Int64, device: x.device);
            var xc = x.narrow(0, start, length);
            var assigned = Measure(xc, xSquared.narrow(0, start, length), centroids, rows, labels, upper, lower);
            sums.index_add_(0, assigned, xc.to(ScalarType.Float64), 1);
            counts.index_add_(0, assigned, ones(length, dtype: ScalarType.Float64, device: x.device), 1);
        }
    }

    /// <summary>
    /// Nearest centroid of each of <paramref name="xc"/> (the samples <paramref name="rows"/>), with
    /// the bounds set to the distances to the nearest and second-nearest centroid, widened by the
    /// rounding error of ‖x‖² − 2x·c + ‖c‖² in float32. Returns the labels (also written to <paramref name="labels"/>).
    /// </summary>
    static Tensor Measure(Tensor xc, Tensor xSq, Tensor centroids, Tensor rows, Tensor labels, Tensor upper, Tensor lower)
    {
        var cSquared = centroids.square().sum(1);
        var squared = addmm(cSquared.unsqueeze(0), xc, centroids.t(), beta: 1, alpha: -2).add_(xSq.unsqueeze(1)).clamp_min_(0);
        var (values, indices) = squared.topk(Math.Min(2, (int)centroids.shape[0]), largest: false);
        var nearest = indices[.., 0];
        var slack = xSq.to(ScalarType.Float64).add_(cSquared.max().to(ScalarType.Float64)).mul_(1e-5);
        var d = values.to(ScalarType.Float64);
        upper.index_copy_(0, rows, d[.., 0].add(slack).sqrt_());
        lower.index_copy_(0, rows, values.shape[1] > 1 ? d[.., 1].sub(slack).clamp_min_(0).sqrt_() : full_like(slack, double.PositiveInfinity));
        labels.index_copy_(0, rows, nearest);
        return nearest;
    }
}
