using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Exact lasso codes by cyclic coordinate descent in covariance (Gram) form, one sample at a time in
/// managed code (Friedman, Hastie, Tibshirani 2010, "Regularization paths for generalized linear
/// models via coordinate descent", sections 2.2 and 2.6): for each sample it keeps the residual
/// correlation <c>r = c − αG</c> <c>[K]</c>; a coefficient that stays zero costs one comparison
/// (<c>|r_j| ≤ λ</c>), and only a coefficient that changes costs an O(K) update of r. After each
/// sweep over all atoms it sweeps the non-zero (active) atoms alone until they settle, then checks
/// the zeros again with a full sweep — done when a full sweep moves no coefficient by more than the
/// tolerance (relative to the sample's largest coefficient). Everything runs in float64; samples are
/// independent, so solving them in parallel (up to <c>torch.get_num_threads()</c> workers) gives the
/// same bits as solving them one by one.
/// </summary>
internal static class GramCoordinateDescent
{
    /// <summary>Samples per parallel work item.</summary>
    const int Chunk = 16;

    /// <summary>
    /// Codes <c>[B, K]</c> (in <paramref name="correlation"/>'s dtype, on the CPU) minimising
    /// <c>½ αGαᵀ − αcᵀ + λ‖α‖₁</c> for every row c of <paramref name="correlation"/> <c>[B, K]</c>;
    /// <paramref name="initial"/> <c>[B, K]</c> warm-starts. <paramref name="maxSweeps"/> counts full and active-set sweeps.
    /// </summary>
    public static Tensor Solve(Tensor gram, Tensor correlation, double lambda, Tensor? initial, int maxSweeps, double tolerance)
    {
        using var scope = NewDisposeScope();
        int batch = checked((int)correlation.shape[0]), atoms = checked((int)gram.shape[0]);
        var g = ToArray(gram);
        double[] codes, residual;
        if (initial is null)
        {
            codes = new double[batch * atoms];
            residual = ToArray(correlation);
        }
        else
        {
            var start = initial.to(ScalarType.Float64).cpu();
            codes = ToArray(start);
            residual = ToArray(correlation.to(ScalarType.Float64).cpu() - start.mm(gram.to(ScalarType.Float64).cpu()));
        }
        SolveAll(g, atoms, codes, residual, lambda, maxSweeps, tolerance);
        return tensor(codes, [batch, atoms]).to(correlation.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Solves every sample in place: <paramref name="codes"/> and <paramref name="residual"/> are
    /// <c>[B, K]</c> row-major, the residual consistent with the codes (<c>r = c − αG</c>) on entry and on exit.
    /// </summary>
    public static void SolveAll(double[] gram, int atoms, double[] codes, double[] residual, double lambda, int maxSweeps, double tolerance)
    {
        int batch = codes.Length / atoms;
        int workers = Math.Max(1, Math.Min(get_num_threads(), Environment.ProcessorCount));
        int chunks = (batch + Chunk - 1) / Chunk;
        void Run(int chunk)
        {
            Span<int> active = stackalloc int[atoms];
            int end = Math.Min(batch, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
                SolveOne(gram, atoms, codes.AsSpan(i * atoms, atoms), residual.AsSpan(i * atoms, atoms), lambda, maxSweeps, tolerance, active);
        }
        if (workers == 1 || chunks == 1)
            for (int c = 0; c < chunks; c++) Run(c);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, Run);
    }

    /// <summary>One sample's lasso; returns the number of sweeps used.</summary>
    internal static int SolveOne(ReadOnlySpan<double> gram, int atoms, Span<double> codes, Span<double> residual, double lambda, int maxSweeps, double tolerance, Span<int> active)
    {
        int sweeps = 0;
        while (sweeps < maxSweeps)
        {
            // Full sweep: every atom, collecting the active set.
            sweeps++;
            double maxDelta = 0, maxAbs = 0;
            int count = 0;
            for (int j = 0; j < atoms; j++)
            {
                double next = Update(gram, atoms, j, codes, residual, lambda, ref maxDelta);
                if (next != 0)
                {
                    active[count++] = j;
                    maxAbs = Math.Max(maxAbs, Math.Abs(next));
                }
            }
            if (maxDelta <= tolerance * maxAbs) break;
            // Active-set sweeps until the non-zeros settle; the next full sweep checks the zeros.
            while (sweeps < maxSweeps)
            {
                sweeps++;
                maxDelta = 0;
                maxAbs = 0;
                for (int n = 0; n < count; n++)
                    maxAbs = Math.Max(maxAbs, Math.Abs(Update(gram, atoms, active[n], codes, residual, lambda, ref maxDelta)));
                if (maxDelta <= tolerance * maxAbs) break;
            }
        }
        return sweeps;
    }

    /// <summary>Exact minimisation over coordinate j: <c>α_j ← soft(r_j + G_jj α_j, λ) / G_jj</c>, then <c>r ← r − Δ·G_j</c>.</summary>
    static double Update(ReadOnlySpan<double> gram, int atoms, int j, Span<double> codes, Span<double> residual, double lambda, ref double maxDelta)
    {
        double old = codes[j], diagonal = gram[j * atoms + j];
        if (old == 0 && Math.Abs(residual[j]) <= lambda) return 0; // the common case: a zero stays zero
        double next;
        if (diagonal <= 0) next = 0; // a zero atom: its coefficient changes nothing but the penalty
        else
        {
            double z = residual[j] + diagonal * old;
            next = z > lambda ? (z - lambda) / diagonal : z < -lambda ? (z + lambda) / diagonal : 0;
        }
        if (next != old)
        {
            double delta = next - old;
            codes[j] = next;
            if (diagonal > 0) Axpy(-delta, gram.Slice(j * atoms, atoms), residual);
            maxDelta = Math.Max(maxDelta, Math.Abs(delta));
        }
        return next;
    }

    /// <summary><c>y ← y + a·x</c>.</summary>
    static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int v = 0; v < xv.Length; v++) yv[v] += va * xv[v];
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) y[i] += a * x[i];
    }

    static double[] ToArray(Tensor t)
    {
        using var c = t.to(ScalarType.Float64).cpu().contiguous();
        return c.data<double>().ToArray();
    }
}
