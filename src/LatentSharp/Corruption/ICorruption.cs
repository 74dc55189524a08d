using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Noise applied to inputs: what a denoising autoencoder learns to undo, and a data
/// augmentation. Implementations draw only from the given generator, so training stays
/// reproducible and resumable.
/// </summary>
public interface ICorruption
{
    /// <summary>The spec this corruption was parsed from, e.g. <c>gaussian:0.3</c>.</summary>
    string Spec { get; }

    /// <summary>Returns a corrupted copy of <paramref name="input"/> (<c>[B, ...]</c>); never modifies the input.</summary>
    Tensor Apply(Tensor input, Generator generator);
}
