using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// Lloyd's iterations with Hamerly's distance bounds (G. Hamerly, "Making k-means even faster",
/// SDM 2010), on tensors, one <see cref="Step"/> at a time over one in-memory data set. Each sample
/// keeps an upper bound on the distance to its centroid and a lower bound on the distance to every
/// other one; after the centroids move, the bounds move by the shifts, and only samples whose bounds
/// no longer prove their assignment are measured again. Per-cluster sums are updated only for samples
/// that changed cluster. The assignments are Lloyd's: a sample is skipped only when its bounds,
/// widened by the float32 rounding of the distance formula, rule out a change.
/// <para>
/// The bounds and assignments are per-run state, never saved: a new instance (a resumed run) starts
/// by measuring every sample exactly, which gives the same assignments. The sums are kept in fixed
/// point (int64, each sample rounded once to a grid fine enough for the data's range and size), so
/// they do not depend on the order in which samples were added or moved: an instance that rebuilt
/// them from scratch holds the same bits as one that updated them for fifty iterations.
/// </para>
/// </summary>
internal sealed class HamerlyLloyd : IDisposable
{
    readonly Tensor _x, _xSquared, _labels, _upper, _lower, _sums, _counts;
    readonly int _chunk;
    readonly double _scale, _sumOfSquaredNorms;
    bool _assigned;
    Tensor? _pendingShifts;

    /// <param name="x">Samples <c>[N, D]</c> float32, contiguous (held, not copied).</param>
    /// <param name="xSquared">‖x‖² per sample <c>[N]</c>.</param>
    /// <param name="clusters">k.</param>
    /// <param name="chunk">Samples measured per distance block.</param>
    public HamerlyLloyd(Tensor x, Tensor xSquared, int clusters, int chunk)
    {
        _x = x;
        _xSquared = xSquared;
        _chunk = chunk;
        long n = x.shape[0];
        _labels = full(n, -1L, dtype: ScalarType.Int64, device: x.device).DetachFromDisposeScope();
        _upper = empty(n, dtype: ScalarType.Float64, device: x.device).DetachFromDisposeScope();
        _lower = empty(n, dtype: ScalarType.Float64, device: x.device).DetachFromDisposeScope();
        _sums = zeros(clusters, x.shape[1], dtype: ScalarType.Int64, device: x.device).DetachFromDisposeScope();
        _counts = zeros(clusters, dtype: ScalarType.Float64, device: x.device).DetachFromDisposeScope();
        _scale = FixedPointScale(x);
        using var total = xSquared.sum(type: ScalarType.Float64);
        _sumOfSquaredNorms = total.item<double>();
    }

    /// <summary>
    /// 2^e with every |x|·2^e ≤ 2^52 (a sample's rounding is below float64's own) and
    /// N·max|x|·2^e ≤ 2^62 (no int64 sum can overflow).
    /// </summary>
    static double FixedPointScale(Tensor x)
    {
        using var max = x.max();
        using var min = x.min();
        double largest = Math.Max(Math.Abs(max.item<float>()), Math.Abs(min.item<float>()));
        if (largest == 0) return 1;
        int exponent = Math.Min(52 - (int)Math.Ceiling(Math.Log2(largest)), 62 - (int)Math.Ceiling(Math.Log2(largest * x.shape[0])));
        return Math.ScaleB(1.0, exponent);
    }

    /// <summary>
    /// One Lloyd iteration on <paramref name="centroids"/> (in place): assign every sample (measuring
    /// only those the bounds cannot vouch for), then move each centroid to the mean of its samples.
    /// When a cluster is empty the iteration goes to <paramref name="relocate"/>, a plain Lloyd
    /// iteration that re-seeds it, and the next step measures every sample again.
    /// </summary>
    /// <returns>The squared movement Σ‖c_new − c_old‖² of the stored centroids, and the inertia
    /// Σ‖x − c_old(x)‖² of the assignment (to the centroids before the move).</returns>
    public (double Shift, double Inertia) Step(Tensor centroids, Func<Tensor, double> relocate)
    {
        using var scope = NewDisposeScope();
        if (!_assigned) AssignAll(centroids);
        else if (_pendingShifts is not null)
        {
            MoveBounds(_pendingShifts);
            Reassign(centroids);
        }
        _pendingShifts?.Dispose();
        _pendingShifts = null;
        _assigned = true;
        double inertia = Inertia(centroids);
        if (_counts.eq(0).any().item<bool>())
        {
            // Rare: let the plain iteration re-seed the empty clusters, then start the bounds afresh.
            _assigned = false;
            return (relocate(centroids), inertia);
        }
        var previous = centroids.to(ScalarType.Float64);
        centroids.copy_(_sums.to(ScalarType.Float64).div_(_scale).div_(_counts.unsqueeze(1)));
        var shifts = centroids.to(ScalarType.Float64).sub_(previous).square().sum(1);
        _pendingShifts = shifts.sqrt().DetachFromDisposeScope();
        return (shifts.sum().item<double>(), inertia);
    }

    /// <summary>Σ‖x − c_label‖² = Σ‖x‖² − 2 Σ_c c·S_c + Σ_c n_c ‖c‖², from the sums S_c and counts n_c: no pass over the data.</summary>
    double Inertia(Tensor centroids)
    {
        var c = centroids.to(ScalarType.Float64);
        var sums = _sums.to(ScalarType.Float64).div_(_scale);
        var total = (c * sums).sum().mul(-2).add_((c.square().sum(1) * _counts).sum());
        return Math.Max(0, _sumOfSquaredNorms + total.item<double>());
    }

    /// <summary>Upper bounds grow by the own centroid's shift; lower bounds shrink by the largest shift of another centroid.</summary>
    void MoveBounds(Tensor shifts)
    {
        _upper.add_(shifts.index_select(0, _labels));
        var (top, which) = shifts.topk(Math.Min(2, (int)shifts.shape[0]));
        var largest = top[0];
        var secondLargest = top.shape[0] > 1 ? top[1] : top[0];
        _lower.sub_(where(_labels.eq(which[0]), secondLargest, largest)).clamp_min_(0);
    }

    /// <summary>Measures again the samples whose bounds fail and moves the changed ones between the sums.</summary>
    void Reassign(Tensor centroids)
    {
        // Half the distance from each centroid to its nearest other centroid: a sample closer than
        // that to its own centroid cannot be nearer to another (triangle inequality).
        var c64 = centroids.to(ScalarType.Float64);
        var self = eye(c64.shape[0], dtype: ScalarType.Bool, device: c64.device);
        var separation = cdist(c64, c64).masked_fill_(self, double.PositiveInfinity).min(1).values.mul_(0.5);
        var bound = maximum(separation.index_select(0, _labels), _lower);
        var suspects = _upper.gt(bound).nonzero().squeeze(1);
        for (long start = 0; start < suspects.shape[0]; start += _chunk)
        {
            using var scope = NewDisposeScope();
            var rows = suspects.narrow(0, start, Math.Min(_chunk, suspects.shape[0] - start));
            var before = _labels.index_select(0, rows);
            var after = Measure(_x.index_select(0, rows), _xSquared.index_select(0, rows), centroids, rows);
            var moved = after.ne(before).nonzero().squeeze(1);
            if (moved.shape[0] == 0) continue;
            var movedX = FixedPoint(_x.index_select(0, rows.index_select(0, moved)));
            _sums.index_add_(0, after.index_select(0, moved), movedX, 1);
            _sums.index_add_(0, before.index_select(0, moved), movedX, -1);
            var one = ones(moved.shape[0], dtype: ScalarType.Float64, device: _x.device);
            _counts.index_add_(0, after.index_select(0, moved), one, 1);
            _counts.index_add_(0, before.index_select(0, moved), one, -1);
        }
    }

    /// <summary>Assigns every sample and rebuilds the sums and counts.</summary>
    void AssignAll(Tensor centroids)
    {
        _sums.zero_();
        _counts.zero_();
        for (long start = 0; start < _x.shape[0]; start += _chunk)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(_chunk, _x.shape[0] - start);
            var rows = arange(start, start + length, dtype: ScalarType.Int64, device: _x.device);
            var xc = _x.narrow(0, start, length);
            var assigned = Measure(xc, _xSquared.narrow(0, start, length), centroids, rows);
            _sums.index_add_(0, assigned, FixedPoint(xc), 1);
            _counts.index_add_(0, assigned, ones(length, dtype: ScalarType.Float64, device: _x.device), 1);
        }
    }

    /// <summary>Samples on the fixed-point grid, int64: the same integer whenever the sample is added.</summary>
    Tensor FixedPoint(Tensor xc) => xc.to(ScalarType.Float64).mul_(_scale).round_().to(ScalarType.Int64);

    /// <summary>
    /// Nearest centroid of each of <paramref name="xc"/> (the samples <paramref name="rows"/>), with
    /// the bounds set to the distances to the nearest and second-nearest centroid, widened by the
    /// rounding error of ‖x‖² − 2x·c + ‖c‖² in float32. Returns the labels (also stored).
    /// </summary>
    Tensor Measure(Tensor xc, Tensor xSq, Tensor centroids, Tensor rows)
    {
        var cSquared = centroids.square().sum(1);
        var squared = addmm(cSquared.unsqueeze(0), xc, centroids.t(), beta: 1, alpha: -2).add_(xSq.unsqueeze(1)).clamp_min_(0);
        var (values, indices) = squared.topk(Math.Min(2, (int)centroids.shape[0]), largest: false);
        var nearest = indices[.., 0];
        var slack = (xSq.to(ScalarType.Float64) + cSquared.max().to(ScalarType.Float64)) * 1e-5;   // not in place: xSq may already be float64
        var d = values.to(ScalarType.Float64);
        _upper.index_copy_(0, rows, d[.., 0].add(slack).sqrt_());
        _lower.index_copy_(0, rows, values.shape[1] > 1 ? d[.., 1].sub(slack).clamp_min_(0).sqrt_() : full_like(slack, double.PositiveInfinity));
        _labels.index_copy_(0, rows, nearest);
        return nearest;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _labels.Dispose();
        _upper.Dispose();
        _lower.Dispose();
        _sums.Dispose();
        _counts.Dispose();
        _pendingShifts?.Dispose();
    }
}
