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
        var a = x.reshape(n, -1);
        var b = y.reshape(m, -1);
        var within = WithinMean(kernel.FromSquaredDistances(PairwiseDistances.Squared(a, a)), n, statistic)
                   + WithinMean(kernel.FromSquaredDistances(PairwiseDistances.Squared(b, b)), m, statistic);
        var across = kernel.FromSquaredDistances(PairwiseDistances.Squared(a, b)).sum(ScalarType.Float64) / ((double)n * m);
        return (within - 2 * across).MoveToOuterDisposeScope();
    }

    // Mean of k over pairs within one sample; the unbiased form drops the n diagonal terms (their computed
    // values, not k(0): the distance expansion leaves rounding on the diagonal).
    static Tensor WithinMean(Tensor gram, long count, MmdStatistic statistic)
    {
        var total = gram.sum(ScalarType.Float64);
        return statistic == MmdStatistic.Unbiased
            ? (total - gram.diagonal().sum(ScalarType.Float64)) / ((double)count * (count - 1))
            : total / ((double)count * count);
    }
}
