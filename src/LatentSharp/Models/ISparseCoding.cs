using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// A model that explains each sample as a sparse combination of learned atoms (dictionary learning,
/// PSD): what <c>latent decompose</c> needs.
/// </summary>
public interface ISparseCoding : IEncoder
{
    /// <summary>The atoms, one per row, <c>[K, d]</c> with d the flattened sample size (live tensor).</summary>
    Tensor Dictionary { get; }

    /// <summary>Sparse codes <c>[B, K]</c> of <c>[B, ...input shape]</c> found by optimisation over <see cref="Dictionary"/> (no gradient).</summary>
    Tensor SparseCode(Tensor input);

    /// <summary>How <see cref="SparseCode"/> finds its codes, for captions, e.g. <c>lasso codes (FISTA)</c>.</summary>
    string SparseCodeMethod { get; }
}

/// <summary>
/// Sparse coding with a learned one-pass encoder trained to predict the codes (PSD's amortised
/// inference), beside the iterative <see cref="ISparseCoding.SparseCode"/>.
/// </summary>
public interface IAmortizedSparseCoding : ISparseCoding
{
    /// <summary>The encoder's prediction of the sparse codes, <c>[B, K]</c>, in one pass (no gradient).</summary>
    Tensor PredictCode(Tensor input);
}
