using LatentSharp.Layers;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// One fully connected encoder layer, <c>y = activation(x Wᵀ + b)</c>: what a pretrained encoder
/// hands to a classifier, and what filter pictures are drawn from.
/// </summary>
/// <param name="Weight">The live weight, <c>[out, in]</c>.</param>
/// <param name="Bias">The live bias, <c>[out]</c>.</param>
/// <param name="Activation">The non-linearity applied after the affine map.</param>
public sealed record DenseLayer(Tensor Weight, Tensor Bias, ActivationKind Activation)
{
    /// <summary>Input size of the layer.</summary>
    public long InputSize => Weight.shape[1];

    /// <summary>Output size of the layer.</summary>
    public long OutputSize => Weight.shape[0];
}
