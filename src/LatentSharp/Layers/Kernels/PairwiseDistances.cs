using static TorchSharp.torch;

namespace LatentSharp.Layers.Kernels;

/// <summary>Batched pairwise squared Euclidean distances.</summary>
public static class PairwiseDistances
{
    /// <summary>
    /// ‖x_i − y_j‖² for every pair, <c>[n, d] × [m, d] → [n, m]</c>, as ‖x‖² + ‖y‖² − 2 x·yᵀ (one matmul),
    /// clamped at 0 (rounding can push the expansion of a zero distance slightly negative).
    /// Differentiable; computed in the inputs' dtype, so pass float64 where near-equal points matter.
    /// </summary>
    public static Tensor Squared(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.dim() != 2 || y.dim() != 2 || x.shape[1] != y.shape[1])
            throw new ArgumentException($"Pairwise distances need [n, d] and [m, d]; got [{string.Join(", ", x.shape)}] and [{string.Join(", ", y.shape)}].");
        using var scope = NewDisposeScope();
        var xx = x.square().sum(1, keepdim: true);          // [n, 1]
        var yy = y.square().sum(1).unsqueeze(0);            // [1, m]
        var cross = x.matmul(y.t());                        // [n, m]
        return (xx + yy - 2 * cross).clamp_min(0).MoveToOuterDisposeScope();
    }
}
