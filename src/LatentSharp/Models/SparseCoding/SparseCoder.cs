using static TorchSharp.torch;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Sparse codes against a fixed dictionary, like scikit-learn's <c>sparse_encode</c>: for each
/// sample x (a row of <c>[B, d]</c>) the code α <c>[K]</c> minimising <c>½‖x − αD‖² + λ‖α‖₁</c>
/// (FISTA or coordinate descent) or the best <c>k</c>-sparse least-squares fit (OMP). The Gram
/// matrix <c>DDᵀ</c> (and, for FISTA, its largest eigenvalue) is computed once. Coordinate descent
/// (the default) solves each sample exactly on the CPU in parallel, or all samples at once on tensors
/// on other devices; FISTA and OMP solve all samples of a batch at once on tensors.
/// </summary>
public sealed class SparseCoder : IDisposable
{
    readonly Tensor _dictionary, _gram;
    double? _lipschitz; // computed on first use: only FISTA needs it

    /// <summary>Creates a coder for <paramref name="dictionary"/> <c>[K, d]</c> (one atom per row; unit-norm atoms are usual).</summary>
    /// <exception cref="ArgumentException">The dictionary is not a 2-D floating-point tensor.</exception>
    public SparseCoder(Tensor dictionary, SparseCoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        if (dictionary.dim() != 2 || !dictionary.is_floating_point())
            throw new ArgumentException($"The dictionary must be a floating-point [atoms, features] tensor; got {dictionary.dtype} [{string.Join(", ", dictionary.shape)}].", nameof(dictionary));
        Options = options ?? new SparseCoderOptions();
        Options.Validate();
        _dictionary = dictionary.detach().clone().DetachFromDisposeScope();
        _gram = _dictionary.mm(_dictionary.t()).DetachFromDisposeScope();
    }

    /// <summary>The solver settings.</summary>
    public SparseCoderOptions Options { get; }

    /// <summary>The atoms, <c>[K, d]</c> (a copy taken at construction).</summary>
    public Tensor Dictionary => _dictionary;

    /// <summary>The Gram matrix <c>DDᵀ</c>, <c>[K, K]</c>.</summary>
    public Tensor Gram => _gram;

    /// <summary>Number of atoms K.</summary>
    public long Atoms => _dictionary.shape[0];

    /// <summary>
    /// Codes <c>[B, K]</c> for samples <c>[B, d]</c> (or <c>[B, ...]</c> with d elements each).
    /// <paramref name="initial"/> <c>[B, K]</c> warm-starts FISTA and coordinate descent.
    /// </summary>
    public Tensor Encode(Tensor samples, Tensor? initial = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Flatten(samples);
        double lipschitz = Options.Algorithm == SparseCodingAlgorithm.Fista ? _lipschitz ??= LassoSolvers.Lipschitz(_gram) : double.NaN;
        return Solve(_gram, x.mm(_dictionary.t()), lipschitz, Options, initial?.to(x.device)).MoveToOuterDisposeScope();
    }

    /// <summary>Reconstructions <c>αD</c>, <c>[B, d]</c>, of codes <c>[B, K]</c>.</summary>
    public Tensor Reconstruct(Tensor codes)
    {
        using var noGrad = no_grad();
        return codes.to(_dictionary.dtype).to(_dictionary.device).mm(_dictionary);
    }

    /// <summary>The lasso objective <c>½‖x − αD‖² + λ‖α‖₁</c> of each sample, <c>[B]</c>.</summary>
    public Tensor Objective(Tensor samples, Tensor codes) => Objective(Flatten(samples), codes, _dictionary, Options.Lambda);

    /// <summary>The lasso objective of each sample for any dictionary, <c>[B]</c>.</summary>
    public static Tensor Objective(Tensor samples, Tensor codes, Tensor dictionary, double lambda)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = samples.reshape(samples.shape[0], -1);
        var error = (x - codes.mm(dictionary)).square().sum(1).mul_(0.5);
        return error.add_(codes.abs().sum(1), alpha: lambda).MoveToOuterDisposeScope();
    }

    /// <summary>Dispatches to the solver; <paramref name="gram"/> and <paramref name="correlation"/> as in <see cref="LassoSolvers"/>.</summary>
    internal static Tensor Solve(Tensor gram, Tensor correlation, double lipschitz, SparseCoderOptions options, Tensor? initial) => options.Algorithm switch
    {
        SparseCodingAlgorithm.Fista => LassoSolvers.Fista(gram, correlation, options.Lambda, lipschitz, initial, options.MaxIterations, options.Tolerance),
        SparseCodingAlgorithm.CoordinateDescent => LassoSolvers.CoordinateDescent(gram, correlation, options.Lambda, initial, options.MaxIterations, options.Tolerance),
        SparseCodingAlgorithm.Omp => LassoSolvers.Omp(gram, correlation, options.NonZeros),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Algorithm, "Unknown sparse coding algorithm."),
    };

    Tensor Flatten(Tensor samples)
    {
        var x = samples.reshape(samples.shape[0], -1);
        if (x.shape[1] != _dictionary.shape[1])
            throw new ArgumentException($"Samples have {x.shape[1]} features but the atoms have {_dictionary.shape[1]}.", nameof(samples));
        return x.to(_dictionary.dtype).to(_dictionary.device);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dictionary.Dispose();
        _gram.Dispose();
    }
}
