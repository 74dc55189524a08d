using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Hyper-parameters of <see cref="PredictiveSparseDecomposition"/>: minimise over the dictionary D
/// (unit-norm atoms), the encoder F and the codes z the energy
/// <c>½‖x − zD‖² + λ‖z‖₁ + (α/2)‖z − F(x)‖²</c> (the paper's energy halved: its λ is 2λ here, its α the same).
/// </summary>
public sealed record PredictiveSparseDecompositionOptions : ModelOptions
{
    /// <summary>Number of atoms K, which is also the code size.</summary>
    [Description("Number of dictionary atoms (= code size)")]
    [Range(1, 1_000_000)]
    public int Atoms { get; init; } = 128;

    /// <summary>L1 weight λ on the codes; scale it with the data's norm (≈ 0.1·‖x‖ is a start).</summary>
    [Description("L1 weight lambda on the codes")]
    [Range(0.0, 1e9, MinimumIsExclusive = true)]
    public double Lambda { get; init; } = 1.0;

    /// <summary>Weight α of the prediction term: how strongly the codes are pulled towards the encoder's prediction.</summary>
    [Description("Weight alpha of the prediction term (alpha/2)||z - F(x)||^2")]
    [Range(0.0, 1e6)]
    public double Alpha { get; init; } = 1.0;

    /// <summary>
    /// Squashing of the encoder: tanh with a learned gain (the paper's, the default), shrink with a learned
    /// threshold, or none. For codes, prefer shrink: tanh never outputs an exact zero, so its codes pay the
    /// L1 term on every unit (objective +53% over the exact lasso on natural-image patches, shrink +9.85%;
    /// bench/results/psd.md).
    /// </summary>
    [Description("Encoder squashing: tanh (with a learned gain), shrink (learned threshold; sparser codes) or linear")]
    public PsdSquashing Squashing { get; init; } = PsdSquashing.Tanh;

    /// <summary>Most FISTA iterations of the code inference per training step (it starts from the encoder's prediction).</summary>
    [Description("Most FISTA iterations of code inference per step")]
    [Range(1, 100_000)]
    public int InferenceIterations { get; init; } = 50;

    /// <summary>Inference stops when no coefficient moved by more than this, relative to the largest one.</summary>
    [Description("Code-inference tolerance (relative coefficient change)")]
    [Range(0.0, 1.0)]
    public double InferenceTolerance { get; init; } = 1e-3;

    /// <summary>
    /// Dictionary step as a fraction of <c>1/L</c>, L the largest eigenvalue of the batch's code Gram
    /// matrix <c>zᵀz/B</c> (the Lipschitz constant of the reconstruction term's gradient in D), so the
    /// step is scale-free; in (0, 2) for a descent step.
    /// </summary>
    [Description("Dictionary gradient step, as a fraction of 1/L of the batch")]
    [Range(0.0, 2.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double DictionaryStep { get; init; } = 0.1;

    /// <summary>Adam learning rate of the encoder (W, b and the gain or threshold). With tanh, 1e-2 diverged on Fashion-MNIST; shrink trains well at 1e-2 (bench/results/psd.md).</summary>
    [Description("Adam learning rate of the encoder")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double EncoderLearningRate { get; init; } = 1e-3;
}
