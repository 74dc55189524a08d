using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Data;

/// <summary>One minibatch, already on the model's device.</summary>
/// <param name="Features">Inputs, <c>[B, ...sample shape]</c>, float32.</param>
/// <param name="Labels">Class labels <c>[B]</c>, int64, when the source has them.</param>
public sealed record Batch(Tensor Features, Tensor? Labels)
{
    /// <summary>Number of samples in the batch.</summary>
    public long Size => Features.shape[0];
}
