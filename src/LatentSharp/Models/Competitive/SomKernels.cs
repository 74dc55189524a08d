using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>The neighbourhood kernels K(d, σ) of a self-organising map, on tensors.</summary>
public static class SomKernels
{
    /// <summary>Radii below this are treated as this (the kernels' limit σ → 0: only the winner, K = 1 at d = 0).</summary>
    public const double MinimumRadius = 1e-3;

    /// <summary>
    /// Whether <paramref name="kernel"/> reads lattice steps (<see cref="SomGrid.Steps"/>) rather than
    /// Euclidean grid distance (<see cref="SomGrid.Distance"/>). Only the Laplacian does.
    /// </summary>
    public static bool UsesSteps(SomKernel kernel) => kernel == SomKernel.Laplacian;

    /// <summary>
    /// K(d, σ) element-wise. <paramref name="distance"/> is the grid distance (lattice steps for the
    /// Laplacian), <paramref name="radius"/> is σ, broadcastable against it (e.g. <c>[B, 1, 1]</c>
    /// against <c>[U, U]</c>). Radii are clamped to <see cref="MinimumRadius"/>.
    /// </summary>
    public static Tensor Evaluate(SomKernel kernel, Tensor distance, Tensor radius)
    {
        using var scope = NewDisposeScope();
        var sigma = radius.clamp_min(MinimumRadius);
        Tensor result = kernel switch
        {
            // exp(−d² / 2σ²)
            SomKernel.Gaussian => (distance.square() / (sigma.square() * -2)).exp(),
            // 1[d ≤ σ]; a hair of tolerance so that d = σ = 1 counts on the hexagonal grid too
            SomKernel.Bubble => (distance <= sigma * (1 + 1e-6) + 1e-6).to(distance.dtype),
            // (1 − d²/σ²)·exp(−d² / 2σ²)
            SomKernel.MexicanHat => MexicanHat(distance, sigma),
            // exp(−(|a−i| + |b−j|) / σ)
            SomKernel.Laplacian => (-distance / sigma).exp(),
            _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Unknown kernel; use gaussian, bubble, mexican-hat or laplacian."),
        };
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>K(d, σ) with a scalar radius.</summary>
    public static Tensor Evaluate(SomKernel kernel, Tensor distance, double radius)
    {
        using var sigma = tensor(radius, distance.dtype, distance.device);
        return Evaluate(kernel, distance, sigma);
    }

    /// <summary>K(d, σ) for one distance (the same formulas; radius clamped to <see cref="MinimumRadius"/>).</summary>
    public static double Evaluate(SomKernel kernel, double distance, double radius)
    {
        double sigma = Math.Max(radius, MinimumRadius), ratio = distance * distance / (sigma * sigma);
        return kernel switch
        {
            SomKernel.Gaussian => Math.Exp(-0.5 * ratio),
            SomKernel.Bubble => distance <= sigma * (1 + 1e-6) + 1e-6 ? 1 : 0,
            SomKernel.MexicanHat => (1 - ratio) * Math.Exp(-0.5 * ratio),
            SomKernel.Laplacian => Math.Exp(-distance / sigma),
            _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Unknown kernel; use gaussian, bubble, mexican-hat or laplacian."),
        };
    }

    static Tensor MexicanHat(Tensor distance, Tensor sigma)
    {
        var ratio = distance.square() / sigma.square();
        return (1 - ratio) * (ratio * -0.5).exp();
    }
}
