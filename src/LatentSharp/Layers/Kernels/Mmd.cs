using static TorchSharp.torch;

namespace LatentSharp.Layers.Kernels;

/// <summary>Maximum mean discrepancy between two samples under a kernel.</summary>
public static class Mmd
{
    /// <summary>
    /// MMD²(x, y) = E k(x, x') + E k(y, y') − 2 E k(x, y) estimated from <paramref name="x"/> <c>[n, d]</c>
    /// and <paramref name="y"/> <c>[m, d]</c> (higher-rank samples are flattened), as a scalar float64
    /// tensor, differentiable in both. Kernel matrices are in the inputs' dtype; their sums accumulate in float64.
    /// </summary>
    public static Tensor Squared(Tensor x, Tensor y, IMmdKernel kernel, MmdStatistic statistic = MmdStatistic.Unbiased)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        long n = x.shape[0], m = y.shape[0];
        if (statistic == MmdStatistic.Unbiased && (n < 2 || m < 2))
            throw new ArgumentException($"The unbiased MMD² needs at least 2 samples on each side; got {n} and {m}.");
        if (n < 1 || m < 1) throw new ArgumentException("MMD² needs at least one sample on each side.");
        using var scope = NewDisposeScope();
        // One Gram matrix over both samples, G = k(z_i, z_j) for z = [x; y], and its four block sums as
        // Pᵀ G P with P the [n+m, 2] membership matrix (a few large operations rather than three Gram matrices).
        var z = cat([x.reshape(n, -1), y.reshape(m, -1)], 0);
        var gram = kernel.FromSquaredDistances(PairwiseDistances.Squared(z, z)).to(ScalarType.Float64);
        var membership = zeros([n + m, 2], dtype: ScalarType.Float64, device: gram.device);
        membership.narrow(0, 0, n).select(1, 0).fill_(1);
        membership.narrow(0, n, m).select(1, 1).fill_(1);
        var blocks = membership.t().matmul(gram.matmul(membership));   // [[Σxx, Σxy], [Σyx, Σyy]]
        Tensor sumXX = blocks[0, 0], sumYY = blocks[1, 1], sumXY = blocks[0, 1];
        Tensor result;
        if (statistic == MmdStatistic.Unbiased)
        {
            // Leave out the diagonal terms (their computed values: the distance expansion leaves rounding there).
            var diagonal = gram.diagonal();
            result = (sumXX - diagonal.narrow(0, 0, n).sum()) / ((double)n * (n - 1))
                   + (sumYY - diagonal.narrow(0, n, m).sum()) / ((double)m * (m - 1))
                   - 2 * sumXY / ((double)n * m);
        }
        else
        {
            result = sumXX / ((double)n * n) + sumYY / ((double)m * m) - 2 * sumXY / ((double)n * m);
        }
        return result.MoveToOuterDisposeScope();
    }
}
