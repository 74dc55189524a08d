using System.Globalization;
using static TorchSharp.torch;

namespace LatentSharp.Layers.Kernels;

/// <summary>
/// The Gaussian (RBF) kernel k(x, y) = exp(−‖x − y‖² / (2σ²)) with bandwidth σ, or with several
/// bandwidths the sum Σ_σ exp(−‖x − y‖² / (2σ²)), the kernel of generative moment matching networks
/// (Li, Swersky and Zemel 2015, https://arxiv.org/abs/1502.02761), which stays informative at
/// distances a single bandwidth would saturate or flatten. k(x, x) = number of bandwidths.
/// </summary>
public sealed class RbfKernel : IMmdKernel
{
    readonly double[] _bandwidths;

    /// <summary>A kernel with the given bandwidths σ (each &gt; 0, at least one).</summary>
    public RbfKernel(params double[] bandwidths)
    {
        ArgumentNullException.ThrowIfNull(bandwidths);
        if (bandwidths.Length == 0 || bandwidths.Any(b => !(b > 0) || double.IsInfinity(b)))
            throw new ArgumentException($"RBF bandwidths must be finite and > 0, at least one; got [{string.Join(", ", bandwidths)}].", nameof(bandwidths));
        _bandwidths = [.. bandwidths];
    }

    /// <summary>The bandwidths σ.</summary>
    public IReadOnlyList<double> Bandwidths => _bandwidths;

    /// <inheritdoc />
    public double Diagonal => _bandwidths.Length;

    /// <inheritdoc />
    public string Description =>
        $"rbf(bandwidth{(_bandwidths.Length > 1 ? "s" : "")}={string.Join(",", _bandwidths.Select(b => b.ToString("G6", CultureInfo.InvariantCulture)))})";

    /// <inheritdoc />
    public Tensor FromSquaredDistances(Tensor squaredDistances)
    {
        ArgumentNullException.ThrowIfNull(squaredDistances);
        using var scope = NewDisposeScope();
        if (_bandwidths.Length == 1)
            return (squaredDistances * (-1.0 / (2 * _bandwidths[0] * _bandwidths[0]))).exp().MoveToOuterDisposeScope();
        // All bandwidths in one pass over a trailing axis: a few large operations instead of three per bandwidth.
        var coefficients = tensor(_bandwidths.Select(sigma => -1.0 / (2 * sigma * sigma)).ToArray(), dtype: squaredDistances.dtype, device: squaredDistances.device);
        return (squaredDistances.unsqueeze(-1) * coefficients).exp().sum(-1).MoveToOuterDisposeScope();
    }
}
