using LatentSharp.Models.SparseCoding;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.SparseCoding;

public class GramCoordinateDescentTests
{
    /// <summary>Planted data in float64 with its Gram matrix and correlations.</summary>
    static (Tensor Dictionary, Tensor Codes, Tensor Samples, Tensor Gram, Tensor Correlation) Problem(long n, int features, int atoms, int nonZeros, double noise, long seed = 3)
    {
        var (d, codes, x) = SparseCodingTestData.Planted(n, features, atoms, nonZeros, noise, seed, ScalarType.Float64);
        return (d, codes, x, d.mm(d.t()), x.mm(d.t()));
    }

    [Fact]
    public void Per_sample_solver_agrees_with_batched_coordinate_descent_and_fista_and_meets_the_kkt_conditions()
    {
        var (d, planted, x, gram, c) = Problem(40, features: 24, atoms: 32, nonZeros: 4, noise: 0.1);
        using var _1 = d; using var _2 = planted; using var _3 = x; using var _4 = gram; using var _5 = c;
        const double lambda = 0.2;
        using var ours = GramCoordinateDescent.Solve(gram, c, lambda, null, 10_000, 1e-12);
        using var batched = LassoSolvers.BatchedCoordinateDescent(gram, c, lambda, null, 10_000, 1e-12);
        using var fista = LassoSolvers.Fista(gram, c, lambda, LassoSolvers.Lipschitz(gram), null, 50_000, 1e-13);
        Assert.Equal(ScalarType.Float64, ours.dtype);
        Assert.True((ours - batched).abs().max().item<double>() < 1e-8, "per-sample and batched CD disagree");
        Assert.True((ours - fista).abs().max().item<double>() < 1e-6, "per-sample CD and FISTA disagree");

        // KKT: with g = c − αG, g_j = λ·sign(α_j) where α_j ≠ 0 and |g_j| ≤ λ where α_j = 0.
        using var g = c - ours.mm(gram);
        using var active = ours.ne(0);
        long activeCount = active.sum().item<long>();
        Assert.InRange(activeCount, x.shape[0], ours.numel() - 1);
        Assert.True((g - ours.sign() * lambda).masked_select(active).abs().max().item<double>() < 1e-9);
        Assert.True(g.masked_select(active.logical_not()).abs().max().item<double>() <= lambda * (1 + 1e-12));
    }

    [Fact]
    public void Float32_input_gives_float32_codes_within_tolerance_of_the_float64_solution()
    {
        var (d, planted, x, gram, c) = Problem(30, features: 20, atoms: 24, nonZeros: 3, noise: 0.05, seed: 8);
        using var _1 = d; using var _2 = planted; using var _3 = x; using var _4 = gram; using var _5 = c;
        using var reference = GramCoordinateDescent.Solve(gram, c, 0.1, null, 10_000, 1e-12);
        using var gram32 = gram.to(ScalarType.Float32);
        using var c32 = c.to(ScalarType.Float32);
        using var codes = GramCoordinateDescent.Solve(gram32, c32, 0.1, null, 10_000, 1e-6);
        Assert.Equal(ScalarType.Float32, codes.dtype);
        Assert.True((codes.to(ScalarType.Float64) - reference).abs().max().item<double>() < 1e-4);
    }

    [Fact]
    public void Warm_start_at_the_solution_stops_after_one_sweep_and_from_elsewhere_reaches_the_same_codes()
    {
        var (d, planted, x, gram, c) = Problem(25, features: 16, atoms: 20, nonZeros: 3, noise: 0.1, seed: 5);
        using var _1 = d; using var _2 = planted; using var _3 = x; using var _4 = gram; using var _5 = c;
        const double lambda = 0.15;
        using var cold = GramCoordinateDescent.Solve(gram, c, lambda, null, 10_000, 1e-12);
        using var fromPlanted = GramCoordinateDescent.Solve(gram, c, lambda, planted, 10_000, 1e-12);
        Assert.True((cold - fromPlanted).abs().max().item<double>() < 1e-9);

        // At the solution one full sweep changes nothing beyond the tolerance, so it is the only sweep.
        int atoms = 20;
        var g = gram.contiguous().data<double>().ToArray();
        var code = cold[0].contiguous().data<double>().ToArray();
        using var r0 = c[0] - cold[0].matmul(gram);
        var residual = r0.contiguous().data<double>().ToArray();
        Assert.Equal(1, GramCoordinateDescent.SolveOne(g, atoms, code, residual, lambda, 100, 1e-8, new GramCoordinateDescent.Workspace(atoms)));
        var zero = new double[atoms];
        var fresh = c[0].contiguous().data<double>().ToArray();
        Assert.True(GramCoordinateDescent.SolveOne(g, atoms, zero, fresh, lambda, 100, 1e-8, new GramCoordinateDescent.Workspace(atoms)) > 1, "a cold start needs more than one sweep");
    }

    [Fact]
    public void A_sample_gets_the_same_bits_alone_as_in_a_parallel_batch()
    {
        var (d, planted, x, gram, c) = Problem(200, features: 16, atoms: 20, nonZeros: 3, noise: 0.1, seed: 11);
        using var _1 = d; using var _2 = planted; using var _3 = x; using var _4 = gram; using var _5 = c;
        using var all = GramCoordinateDescent.Solve(gram, c, 0.1, null, 500, 1e-6);
        foreach (long i in new long[] { 0, 17, 199 })
        {
            using var one = GramCoordinateDescent.Solve(gram, c.narrow(0, i, 1), 0.1, null, 500, 1e-6);
            Assert.True(one[0].eq(all[i]).all().item<bool>(), $"sample {i} differs");
        }
    }

    [Fact]
    public void A_sweep_limit_of_one_gives_exactly_one_cyclic_sweep_from_a_warm_start()
    {
        var (d, planted, x, gram, c) = Problem(10, features: 12, atoms: 16, nonZeros: 3, noise: 0.1, seed: 2);
        using var _1 = d; using var _2 = planted; using var _3 = x; using var _4 = gram; using var _5 = c;
        using var start = planted * 0.5;
        using var ours = GramCoordinateDescent.Solve(gram, c, 0.1, start, 1, 0);
        using var batched = LassoSolvers.BatchedCoordinateDescent(gram, c, 0.1, start, 1, 0);
        using var converged = GramCoordinateDescent.Solve(gram, c, 0.1, null, 1000, 1e-12);
        Assert.True((ours - batched).abs().max().item<double>() < 1e-10);
        Assert.True((ours - converged).abs().max().item<double>() > 1e-4, "one sweep should not already be the solution");
    }

    [Fact]
    public void A_zero_atom_keeps_a_zero_coefficient()
    {
        var (d, planted, x, _, _) = Problem(8, features: 10, atoms: 6, nonZeros: 2, noise: 0.1, seed: 4);
        using var _1 = planted; using var _3 = x;
        d[2].zero_();
        using var gram = d.mm(d.t());
        using var c = x.mm(d.t());
        using var warm = ones(8, 6, dtype: ScalarType.Float64);
        using var codes = GramCoordinateDescent.Solve(gram, c, 0.05, warm, 1000, 1e-10);
        Assert.True(codes.select(1, 2).eq(0).all().item<bool>());
        Assert.True(codes.ne(0).sum().item<long>() > 0);
        d.Dispose();
    }
}
