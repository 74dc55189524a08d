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
        var result = empty([batch, atoms], dtype: ScalarType.Float64);
        MemoryMarshal.AsBytes(codes.AsSpan()).CopyTo(result.bytes);
        return result.to(correlation.dtype).MoveToOuterDisposeScope();
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
        Workspace Run(int chunk, Workspace work)
        {
            int end = Math.Min(batch, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
                SolveOne(gram, atoms, codes.AsSpan(i * atoms, atoms), residual.AsSpan(i * atoms, atoms), lambda, maxSweeps, tolerance, work);
            return work;
        }
        if (workers == 1 || chunks == 1)
        {
            var work = new Workspace(atoms);
            for (int c = 0; c < chunks; c++) Run(c, work);
        }
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, () => new Workspace(atoms), (c, _, work) => Run(c, work), _ => { });
    }

    /// <summary>Scratch space of one worker: the active set and a Cholesky factor of the Gram matrix on it.</summary>
    internal sealed class Workspace(int atoms)
    {
        /// <summary>Indices of the non-zero coefficients.</summary>
        public readonly int[] Active = new int[atoms];
        /// <summary>Cholesky factor <c>[n, n]</c> (row-major, stride K) of <c>G</c> restricted to the active set.</summary>
        public readonly double[] Factor = new double[atoms * atoms];
        /// <summary>Right-hand side, then the solution of the linear system on the active set.</summary>
        public readonly double[] Solution = new double[atoms];
        /// <summary>Visiting order of the first sweep.</summary>
        public readonly int[] Order = new int[atoms];
    }

    /// <summary>
    /// One sample's lasso, in place (<paramref name="residual"/> = <c>c − αG</c> on entry and exit). Alternates a
    /// full coordinate sweep (which also finds the active set and its signs) with a Newton step on the active set:
    /// the minimiser of the quadratic on the current sign orthant, <c>α_S = G_SS⁻¹(c_S − λ·sign(α_S))</c>, taken
    /// whole when it keeps every sign, otherwise only up to the first coefficient that reaches zero (the
    /// objective decreases along that segment, as in feature-sign search, Lee et al. 2007). Stops when a full
    /// sweep moves no coefficient by more than <paramref name="tolerance"/> times the largest one. Should the
    /// active Gram block not be positive definite, plain coordinate sweeps over the active set stand in for the
    /// Newton step. Returns the number of sweeps and Newton steps used (at most <paramref name="maxSweeps"/>).
    /// </summary>
    internal static int SolveOne(ReadOnlySpan<double> gram, int atoms, Span<double> codes, Span<double> residual, double lambda, int maxSweeps, double tolerance, Workspace work)
    {
        var active = work.Active.AsSpan();
        int sweeps = 0;
        while (sweeps < maxSweeps)
        {
            // Full sweep: every atom, collecting the active set.
            sweeps++;
            double maxDelta = 0, maxAbs = 0;
            int count = 0;
            bool cold = sweeps == 1 && codes.IndexOfAnyExcept(0.0) < 0;
            if (cold)
            {
                // Cold start: the first sweep visits only the atoms whose correlation exceeds λ, strongest first,
                // so the atoms that explain most of the sample enter before weaker, correlated ones.
                var order = work.Order.AsSpan();
                var keys = work.Solution.AsSpan();
                int candidates = 0;
                for (int j = 0; j < atoms; j++)
                    if (Math.Abs(residual[j]) > lambda) { order[candidates] = j; keys[candidates++] = -Math.Abs(residual[j]); }
                keys[..candidates].Sort(order[..candidates]);
                for (int n = 0; n < candidates; n++)
                {
                    double next = Update(gram, atoms, order[n], codes, residual, lambda, ref maxDelta);
                    if (next != 0) active[count++] = order[n];
                }
                if (count == 0) break; // every |c_j| ≤ λ: zero is the solution
            }
            else for (int j = 0; j < atoms; j++)
            {
                double next = Update(gram, atoms, j, codes, residual, lambda, ref maxDelta);
                if (next != 0)
                {
                    active[count++] = j;
                    maxAbs = Math.Max(maxAbs, Math.Abs(next));
                }
            }
            if ((!cold && maxDelta <= tolerance * maxAbs) || sweeps >= maxSweeps) break;
            // Active-set sweeps; once a sweep leaves the support unchanged, a Newton step finishes it
            // (exactly, when no sign flips); the next full sweep checks the zeros.
            bool singular = false;
            while (sweeps < maxSweeps && count > 0)
            {
                sweeps++;
                maxDelta = 0;
                maxAbs = 0;
                bool supportChanged = false;
                for (int n = 0; n < count; n++)
                {
                    bool wasZero = codes[active[n]] == 0;
                    double next = Update(gram, atoms, active[n], codes, residual, lambda, ref maxDelta);
                    supportChanged |= wasZero != (next == 0);
                    maxAbs = Math.Max(maxAbs, Math.Abs(next));
                }
                if (maxDelta <= tolerance * maxAbs) break;
                if (supportChanged || singular) continue;
                count = Compact(codes, active[..count]);
                if (sweeps < maxSweeps && count > 0)
                {
                    sweeps++;
                    double step = NewtonStep(gram, atoms, codes, residual, lambda, active[..count], work);
                    if (step == 1) break;
                    singular = step < 0;
                }
            }
        }
        return sweeps;
    }

    /// <summary>Drops the zero coefficients from the active list; returns the new count.</summary>
    static int Compact(ReadOnlySpan<double> codes, Span<int> active)
    {
        int count = 0;
        foreach (int j in active)
            if (codes[j] != 0) active[count++] = j;
        return count;
    }

    /// <summary>
    /// Moves the active coefficients towards the minimiser of the objective on their sign orthant (see
    /// <see cref="SolveOne"/>), updating the residual. Returns the fraction t ∈ (0, 1] of the step taken, or −1, with nothing changed, when <c>G_SS</c> is numerically singular.
    /// </summary>
    static double NewtonStep(ReadOnlySpan<double> gram, int atoms, Span<double> codes, Span<double> residual, double lambda, ReadOnlySpan<int> active, Workspace work)
    {
        int n = active.Length;
        var l = work.Factor;
        var x = work.Solution;
        // Cholesky G_SS = LLᵀ (lower triangle of l, stride `atoms`), refusing pivots below a relative threshold.
        for (int i = 0; i < n; i++)
        {
            int gi = active[i] * atoms;
            for (int k = 0; k <= i; k++)
            {
                double sum = gram[gi + active[k]];
                for (int m = 0; m < k; m++) sum -= l[i * atoms + m] * l[k * atoms + m];
                if (k < i) l[i * atoms + k] = sum / l[k * atoms + k];
                else
                {
                    if (sum <= 1e-10 * gram[gi + active[i]]) return -1;
                    l[i * atoms + i] = Math.Sqrt(sum);
                }
            }
        }
        // Right-hand side c_S − λ·sign(α_S), with c = r + αG (α is zero off the active set).
        for (int i = 0; i < n; i++)
        {
            int j = active[i];
            double c = residual[j];
            for (int k = 0; k < n; k++) c += codes[active[k]] * gram[active[k] * atoms + j];
            if (codes[j] == 0) return -1; // the active list must hold non-zeros only
            x[i] = c - lambda * Math.Sign(codes[j]);
        }
        for (int i = 0; i < n; i++) // L y = b
        {
            double sum = x[i];
            for (int m = 0; m < i; m++) sum -= l[i * atoms + m] * x[m];
            x[i] = sum / l[i * atoms + i];
        }
        for (int i = n - 1; i >= 0; i--) // Lᵀ β = y
        {
            double sum = x[i];
            for (int m = i + 1; m < n; m++) sum -= l[m * atoms + i] * x[m];
            x[i] = sum / l[i * atoms + i];
        }
        // The furthest point towards β that keeps every sign: the first coefficient to cross zero stops there.
        double t = 1;
        int blocking = -1;
        for (int i = 0; i < n; i++)
        {
            double a = codes[active[i]];
            if (x[i] * a <= 0)
            {
                double ti = a / (a - x[i]);
                if (ti < t) { t = ti; blocking = i; }
                else if (blocking < 0) blocking = i; // β_i = 0 exactly, reached at t = 1
            }
        }
        for (int i = 0; i < n; i++)
        {
            int j = active[i];
            double next = i == blocking ? 0 : codes[j] + t * (x[i] - codes[j]);
            double delta = next - codes[j];
            if (delta == 0) continue;
            codes[j] = next;
            Axpy(-delta, gram.Slice(j * atoms, atoms), residual);
        }
        return t;
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
        return MemoryMarshal.Cast<byte, double>(c.bytes).ToArray();
    }
}
