using System.Globalization;
using static TorchSharp.torch;

namespace LatentSharp.Layers.Kernels;

/// <summary>
/// The inverse multiquadratic kernel k(x, y) = C / (C + ‖x − y‖²), k(x, x) = 1. Its heavy tails keep
/// gradients alive for distant points, which is why Wasserstein autoencoders use it for MMD in the
/// latent space (Tolstikhin et al. 2018, https://arxiv.org/abs/1711.01558, with C = 2·d_z·σ²_z).
/// </summary>
public sealed class InverseMultiquadraticKernel : IMmdKernel
{
    /// <summary>A kernel with scale <paramref name="scale"/> = C &gt; 0.</summary>
    public InverseMultiquadraticKernel(double scale)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The IMQ scale C must be finite and > 0.");
        Scale = scale;
    }

    /// <summary>The scale C.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public double Diagonal => 1;

    /// <inheritdoc />
    public string Description => $"imq(scale={Scale.ToString("G6", CultureInfo.InvariantCulture)})";

    /// <inheritdoc />
    public Tensor FromSquaredDistances(Tensor squaredDistances)
    {
        using var scope = NewDisposeScope();
        return (Scale / (squaredDistances + Scale)).MoveToOuterDisposeScope();
    }
}
