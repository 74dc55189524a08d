using static TorchSharp.torch;

namespace LatentSharp.Layers.Kernels;

/// <summary>
/// A positive-definite kernel k(x, y) that depends on ‖x − y‖² only, as maximum mean discrepancy
/// (<see cref="Mmd"/>) uses it. Shared by every model and estimator that matches distributions by MMD
/// (GMMN, WAE-MMD, the <c>mmd</c> estimator).
/// </summary>
public interface IMmdKernel
{
    /// <summary>k applied elementwise to squared distances: <c>[n, m] → [n, m]</c>, differentiable, same dtype.</summary>
    Tensor FromSquaredDistances(Tensor squaredDistances);

    /// <summary>k(x, x), the value on the diagonal.</summary>
    double Diagonal { get; }

    /// <summary>The kernel as a reader would write it, e.g. <c>rbf(bandwidths=2,5)</c>.</summary>
    string Description { get; }
}
