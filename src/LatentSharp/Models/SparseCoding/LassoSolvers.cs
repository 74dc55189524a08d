using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Batched solvers of <c>min_α ½ αGαᵀ − αCᵀ + λ‖α‖₁</c> for every row of <c>C</c> at once, with
/// <c>G = DDᵀ</c> <c>[K, K]</c> (the Gram matrix of the atoms) and <c>C = XDᵀ</c> <c>[B, K]</c>
/// (correlations of the samples with the atoms). Up to a constant this is the lasso
/// <c>½‖x − αD‖² + λ‖α‖₁</c>; PSD adds <c>(a/2)‖α − f‖²</c> by passing <c>G + aI</c>, <c>C + af</c>.
/// Everything stays on tensors, so the same code runs batched on CPU and GPU.
/// </summary>
internal static class LassoSolvers
{
    /// <summary>The largest eigenvalue of the Gram matrix: the Lipschitz constant of the smooth part's gradient.</summary>
    public static double Lipschitz(Tensor gram)
    {
        using var scope = NewDisposeScope();
        return linalg.eigvalsh(gram.to(ScalarType.Float64)).max().ToDouble();
    }

    /// <summary>
    /// FISTA (Beck and Teboulle, 2009). The gradient step is folded into one fused product,
    /// <c>y − (yG − C)/L = y(I − G/L) + C/L</c>, so an iteration costs one <c>addmm</c>, one
    /// soft-threshold and one momentum combination. Returns codes <c>[B, K]</c>.
    /// </summary>
    public static Tensor Fista(Tensor gram, Tensor correlation, double lambda, double lipschitz, Tensor? initial, int maxIterations, double tolerance)
    {
        using var scope = NewDisposeScope();
        double step = 1.0 / (lipschitz * 1.0001);
        var map = eye(gram.shape[0], dtype: gram.dtype, device: gram.device).sub_(gram.mul(step));
        var shift = correlation.mul(step);
        var x = initial is null ? zeros_like(correlation) : initial.to(correlation.dtype).clone();
        var y = x.clone();
        double t = 1;
        for (int it = 0; it < maxIterations; it++)
        {
            double tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2, momentum = (t - 1) / tNext;
            Tensor next, yNext;
            bool done;
            using (var iteration = NewDisposeScope())
            {
                // x⁺ = soft(y(I − G/L) + C/L, λ/L);  y⁺ = x⁺ + m(x⁺ − x)
                next = softshrink(addmm(shift, y, map, 1, 1), lambda * step).MoveToOuterDisposeScope();
                yNext = next.mul(1 + momentum).sub_(x.mul(momentum)).MoveToOuterDisposeScope();
                done = (it + 1) % 5 == 0 && Converged(next - x, next, tolerance);
            }
            x.Dispose();
            y.Dispose();
            (x, y, t) = (next, yNext, tNext);
            if (done) break;
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Cyclic coordinate descent on the lasso. On the CPU each sample is solved on its own in managed code
    /// (<see cref="GramCoordinateDescent"/>: exact to tolerance, cost proportional to the number of
    /// non-zeros, samples in parallel); on other devices all samples are solved at once on tensors
    /// (<see cref="BatchedCoordinateDescent"/>). Both minimise the same problem to the same tolerance rule.
    /// </summary>
    public static Tensor CoordinateDescent(Tensor gram, Tensor correlation, double lambda, Tensor? initial, int maxIterations, double tolerance) =>
        correlation.device_type == DeviceType.CPU
            ? GramCoordinateDescent.Solve(gram, correlation, lambda, initial, maxIterations, tolerance)
            : BatchedCoordinateDescent(gram, correlation, lambda, initial, maxIterations, tolerance);

    /// <summary>
    /// Cyclic coordinate descent, all samples at once: for each atom j,
    /// <c>α_j ← soft(C_j − Σ_{k≠j} α_k G_kj, λ) / G_jj</c>, keeping <c>R = C − αG</c> up to date with a
    /// rank-one update. Codes and residuals are kept transposed (<c>[K, B]</c>) so each coordinate is a contiguous row.
    /// </summary>
    public static Tensor BatchedCoordinateDescent(Tensor gram, Tensor correlation, double lambda, Tensor? initial, int maxIterations, double tolerance)
    {
        using var scope = NewDisposeScope();
        long atoms = gram.shape[0];
        var codes = initial is null ? zeros(atoms, correlation.shape[0], dtype: correlation.dtype, device: correlation.device) : initial.to(correlation.dtype).t().contiguous();
        var residual = correlation.t().contiguous();
        if (initial is not null) residual.sub_(gram.mm(codes));
        var diagonal = gram.diagonal().to(ScalarType.Float64).cpu().data<double>().ToArray();
        var codeRows = Enumerable.Range(0, (int)atoms).Select(j => codes[j]).ToArray();
        var residualRows = Enumerable.Range(0, (int)atoms).Select(j => residual[j]).ToArray();
        var gramRows = Enumerable.Range(0, (int)atoms).Select(j => gram[j]).ToArray();
        for (int sweep = 0; sweep < maxIterations; sweep++)
        {
            using var sweepScope = NewDisposeScope();
            var before = codes.clone();
            for (int j = 0; j < atoms; j++)
            {
                if (diagonal[j] <= 0) continue; // a zero atom keeps a zero coefficient
                using var coordinate = NewDisposeScope();
                var old = codeRows[j];
                var updated = softshrink(residualRows[j].add(old, alpha: diagonal[j]), lambda).div_(diagonal[j]);
                var delta = updated - old;
                old.copy_(updated);
                residual.addr_(gramRows[j], delta, alpha: -1f);
            }
            if (Converged(codes - before, codes, tolerance)) break;
        }
        return codes.t().contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Orthogonal matching pursuit: <paramref name="nonZeros"/> greedy steps, each adding the atom most
    /// correlated with the residual (atoms scaled to unit norm for the choice) and refitting the
    /// coefficients on the support by least squares. Exactly that many non-zeros unless a sample is fit exactly sooner.
    /// </summary>
    public static Tensor Omp(Tensor gram, Tensor correlation, int nonZeros)
    {
        using var scope = NewDisposeScope();
        long batch = correlation.shape[0], atoms = gram.shape[0];
        int k = (int)Math.Min(nonZeros, atoms);
        var norms = gram.diagonal().clamp_min(1e-12).sqrt();
        var chosen = zeros(batch, atoms, dtype: ScalarType.Bool, device: correlation.device);
        var support = zeros(batch, k, dtype: ScalarType.Int64, device: correlation.device);
        var codes = zeros_like(correlation);
        var residual = correlation.clone();
        double ridge = 1e-10 * gram.diagonal().mean().ToDouble();
        for (int s = 0; s < k; s++)
        {
            using var stepScope = NewDisposeScope();
            var score = (residual.abs() / norms).masked_fill_(chosen, -1);
            var next = score.argmax(1, keepdim: true);
            support.narrow(1, s, 1).copy_(next);
            chosen.scatter_(1, next, ones_like(next, dtype: ScalarType.Bool));
            var indices = support.narrow(1, 0, s + 1);
            // G restricted to each sample's support: [B, s+1, s+1].
            var rows = gram.index_select(0, indices.flatten()).view(batch, s + 1, atoms);
            var block = rows.gather(2, indices.unsqueeze(1).expand(batch, s + 1, s + 1));
            block.add_(eye(s + 1, dtype: gram.dtype, device: gram.device).mul_(ridge));
            var coefficients = linalg.solve(block, correlation.gather(1, indices).unsqueeze(-1)).squeeze(-1);
            codes.zero_().scatter_(1, indices, coefficients);
            residual.copy_(correlation - codes.mm(gram));
        }
        return codes.MoveToOuterDisposeScope();
    }

    static bool Converged(Tensor change, Tensor codes, double tolerance)
    {
        double scale = Math.Max(1e-12, codes.abs().max().ToDouble());
        return change.abs().max().ToDouble() <= tolerance * scale;
    }
}
