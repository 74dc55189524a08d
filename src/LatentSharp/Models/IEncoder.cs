using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>A model that maps inputs to codes (features).</summary>
public interface IEncoder : IModel
{
    /// <summary>Size of one code vector.</summary>
    long CodeSize { get; }

    /// <summary>Encodes <c>[B, ...input shape]</c> to codes <c>[B, CodeSize]</c> (no gradient).</summary>
    Tensor Encode(Tensor input);
}
