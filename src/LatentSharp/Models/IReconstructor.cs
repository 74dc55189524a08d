using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>A model that reconstructs its input.</summary>
public interface IReconstructor : IModel
{
    /// <summary>Reconstructs <c>[B, ...input shape]</c>; the result has the input's shape (no gradient).</summary>
    Tensor Reconstruct(Tensor input);
}
