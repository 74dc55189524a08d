using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// How a <see cref="SparseCoder"/> solves, for each sample x,
/// <c>min_α ½‖x − αD‖² + λ‖α‖₁</c> (FISTA, coordinate descent) or
/// <c>min_α ‖x − αD‖² s.t. ‖α‖₀ = k</c> (OMP).
/// </summary>
public sealed record SparseCoderOptions : ModelOptions
{
    /// <summary>The solver.</summary>
    [Description("Sparse coding solver: fista, coordinate-descent or omp")]
    public SparseCodingAlgorithm Algorithm { get; init; } = SparseCodingAlgorithm.CoordinateDescent;

    /// <summary>L1 weight λ of the lasso (FISTA, coordinate descent); scale it with the data's norm.</summary>
    [Description("L1 weight lambda of the lasso")]
    [Range(0.0, 1e9, MinimumIsExclusive = true)]
    public double Lambda { get; init; } = 1.0;

    /// <summary>Exact number of non-zeros per code (OMP only).</summary>
    [Description("Non-zeros per code (omp only)")]
    [Range(1, 1_000_000)]
    public int NonZeros { get; init; } = 5;

    /// <summary>Most iterations (FISTA) or sweeps over the atoms (coordinate descent).</summary>
    [Description("Most solver iterations (fista) or sweeps (coordinate-descent)")]
    [Range(1, 1_000_000)]
    public int MaxIterations { get; init; } = 200;

    /// <summary>Stop when no coefficient moved by more than this (relative to the largest one) in one iteration or sweep.</summary>
    [Description("Stop when the largest coefficient change, relative to the largest coefficient, falls below this")]
    [Range(0.0, 1.0)]
    public double Tolerance { get; init; } = 1e-4;
}
