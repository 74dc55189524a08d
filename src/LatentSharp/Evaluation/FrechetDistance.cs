using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// The Fréchet (2-Wasserstein) distance between two Gaussians, the figure behind FID (Heusel et al.
/// 2017, https://arxiv.org/abs/1706.08500):
/// d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}).
/// The matrix square roots come from eigendecompositions of symmetric matrices (Σ₁, then the symmetric
/// product Σ₁^{1/2} Σ₂ Σ₁^{1/2}), with rounding's tiny negative eigenvalues taken as 0, all in float64 —
/// so no general (non-symmetric) square root is ever needed. Reported as d² (the FID convention).
/// </summary>
public static class FrechetDistance
{
    /// <summary>The mean <c>[d]</c> and covariance <c>[d, d]</c> (divisor n − 1) of the rows of <paramref name="features"/> <c>[n, d]</c>, in float64.</summary>
    /// <exception cref="ArgumentException">Not 2-D, or fewer than 2 rows.</exception>
    public static (Tensor Mean, Tensor Covariance) Moments(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException($"Moments need features [n >= 2, d]; got [{string.Join(", ", features.shape)}].", nameof(features));
        using var scope = NewDisposeScope();
        var x = features.to(ScalarType.Float64);
        var mean = x.mean([0]);
        var centred = x - mean;
        var covariance = centred.t().matmul(centred) / (features.shape[0] - 1);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    /// <summary>d² between the Gaussians fitted to the rows of <paramref name="a"/> and <paramref name="b"/> (<c>[n, d]</c>, <c>[m, d]</c>).</summary>
    public static double Between(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (meanA, covarianceA) = Moments(a);
        var (meanB, covarianceB) = Moments(b);
        return OfGaussians(meanA, covarianceA, meanB, covarianceB);
    }

    /// <summary>d² between N(<paramref name="mean1"/>, <paramref name="covariance1"/>) and N(<paramref name="mean2"/>, <paramref name="covariance2"/>).</summary>
    /// <exception cref="ArgumentException">The shapes do not agree.</exception>
    public static double OfGaussians(Tensor mean1, Tensor covariance1, Tensor mean2, Tensor covariance2)
    {
        ArgumentNullException.ThrowIfNull(mean1);
        ArgumentNullException.ThrowIfNull(covariance1);
        ArgumentNullException.ThrowIfNull(mean2);
        ArgumentNullException.ThrowIfNull(covariance2);
        long d = mean1.shape[0];
        if (mean1.dim() != 1 || !mean2.shape.SequenceEqual(mean1.shape) || !covariance1.shape.SequenceEqual([d, d]) || !covariance2.shape.SequenceEqual([d, d]))
            throw new ArgumentException($"Fréchet distance needs means [d] and covariances [d, d] of one d; got [{string.Join(", ", mean1.shape)}], [{string.Join(", ", covariance1.shape)}], [{string.Join(", ", mean2.shape)}], [{string.Join(", ", covariance2.shape)}].");
        using var scope = NewDisposeScope();
        var s1 = Symmetric(covariance1.to(ScalarType.Float64).cpu());
        var s2 = Symmetric(covariance2.to(ScalarType.Float64).cpu());
        var root1 = SquareRoot(s1);
        var product = Symmetric(root1.matmul(s2).matmul(root1));
        var crossTrace = linalg.eigvalsh(product).clamp_min(0).sqrt().sum();
        var meanTerm = (mean1.to(ScalarType.Float64).cpu() - mean2.to(ScalarType.Float64).cpu()).square().sum();
        return (meanTerm + s1.trace() + s2.trace() - 2 * crossTrace).item<double>();
    }

    /// <summary>The symmetric square root of a symmetric positive semi-definite matrix, by its eigendecomposition.</summary>
    static Tensor SquareRoot(Tensor symmetric)
    {
        var (values, vectors) = linalg.eigh(symmetric);
        return (vectors * values.clamp_min(0).sqrt().unsqueeze(0)).matmul(vectors.t());
    }

    static Tensor Symmetric(Tensor m) => (m + m.t()) * 0.5;
}
