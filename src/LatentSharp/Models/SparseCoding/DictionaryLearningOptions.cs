using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Hyper-parameters of <see cref="DictionaryLearning"/>: minimise
/// <c>Σᵢ ½‖xᵢ − αᵢD‖² + λ‖αᵢ‖₁</c> subject to <c>‖d_j‖ ≤ 1</c>.
/// </summary>
public sealed record DictionaryLearningOptions : ModelOptions
{
    /// <summary>Number of atoms K (over-complete when larger than the input size).</summary>
    [Description("Number of dictionary atoms")]
    [Range(1, 1_000_000)]
    public int Atoms { get; init; } = 128;

    /// <summary>L1 weight λ on the codes; scale it with the data's norm (≈ 0.1·‖x‖ is a start).</summary>
    [Description("L1 weight lambda on the codes")]
    [Range(0.0, 1e9, MinimumIsExclusive = true)]
    public double Lambda { get; init; } = 1.0;

    /// <summary>Solver of the code step.</summary>
    [Description("Code solver: fista, coordinate-descent or omp")]
    public SparseCodingAlgorithm Algorithm { get; init; } = SparseCodingAlgorithm.CoordinateDescent;

    /// <summary>Non-zeros per code when the code solver is OMP.</summary>
    [Description("Non-zeros per code (omp only)")]
    [Range(1, 1_000_000)]
    public int NonZeros { get; init; } = 5;

    /// <summary>Most iterations (FISTA) or sweeps (coordinate descent) of the code step.</summary>
    [Description("Most code-solver iterations or sweeps per step")]
    [Range(1, 1_000_000)]
    public int MaxIterations { get; init; } = 100;

    /// <summary>Code-solver tolerance: largest coefficient change relative to the largest coefficient.</summary>
    [Description("Code-solver tolerance (relative coefficient change)")]
    [Range(0.0, 1.0)]
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Block-coordinate-descent passes over the atoms per step.</summary>
    [Description("BCD passes over the atoms per dictionary update")]
    [Range(1, 1000)]
    public int DictionaryPasses { get; init; } = 1;

    /// <summary>The code-step settings as <see cref="SparseCoderOptions"/>.</summary>
    public SparseCoderOptions CoderOptions() => new()
    {
        Algorithm = Algorithm, Lambda = Lambda, NonZeros = NonZeros, MaxIterations = MaxIterations, Tolerance = Tolerance,
    };
}
