using LatentSharp.Models.SparseCoding;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.SparseCoding;

public class SparseCoderTests
{
    static SparseCoderOptions Tight(SparseCodingAlgorithm algorithm, double lambda) =>
        new() { Algorithm = algorithm, Lambda = lambda, MaxIterations = 20_000, Tolerance = 1e-12 };

    [Fact]
    public void Fista_and_coordinate_descent_reach_the_same_lasso_solution_and_satisfy_its_optimality_conditions()
    {
        var (dictionary, _, samples) = SparseCodingTestData.Planted(12, features: 8, atoms: 14, nonZeros: 3, noise: 0.2, dtype: ScalarType.Float64);
        using var _d = dictionary; using var _s = samples;
        const double lambda = 0.15;
        using var fista = new SparseCoder(dictionary, Tight(SparseCodingAlgorithm.Fista, lambda));
        using var cd = new SparseCoder(dictionary, Tight(SparseCodingAlgorithm.CoordinateDescent, lambda));
        using var a = fista.Encode(samples);
        using var b = cd.Encode(samples);
        Assert.True((a - b).abs().max().item<double>() < 1e-6, "FISTA and CD disagree");

        // Subgradient conditions: g = D(x − αD)ᵀ; g_j = λ·sign(α_j) where α_j ≠ 0, |g_j| ≤ λ elsewhere.
        using var g = (samples - b.mm(dictionary)).mm(dictionary.t());
        using var active = b.ne(0);
        long activeCount = active.sum().item<long>();
        Assert.InRange(activeCount, 1, b.numel() - 1); // a non-trivial solution: some zeros, some non-zeros
        Assert.True((g - b.sign() * lambda).masked_select(active).abs().max().item<double>() < 1e-8);
        Assert.True(g.masked_select(active.logical_not()).abs().max().item<double>() <= lambda + 1e-8);

        // And the objective is lower than at any nearby perturbation.
        using var perturbed = b + randn(b.shape, generator: new Generator(5), dtype: b.dtype) * 1e-3;
        Assert.True(cd.Objective(samples, b).sum().item<double>() < cd.Objective(samples, perturbed).sum().item<double>());
    }

    [Fact]
    public void Warm_started_coordinate_descent_reaches_the_same_solution()
    {
        var (dictionary, codes, samples) = SparseCodingTestData.Planted(10, features: 8, atoms: 12, nonZeros: 2, noise: 0.1, dtype: ScalarType.Float64);
        using var _d = dictionary; using var _c = codes; using var _s = samples;
        using var cd = new SparseCoder(dictionary, Tight(SparseCodingAlgorithm.CoordinateDescent, 0.1));
        using var cold = cd.Encode(samples);
        using var warm = cd.Encode(samples, initial: codes);
        Assert.True((cold - warm).abs().max().item<double>() < 1e-7);
    }

    [Fact]
    public void Omp_gives_exactly_k_non_zeros_and_recovers_a_planted_support()
    {
        var (dictionary, codes, samples) = SparseCodingTestData.Planted(200, features: 64, atoms: 30, nonZeros: 3);
        using var _d = dictionary; using var _c = codes; using var _s = samples;
        using var omp = new SparseCoder(dictionary, new SparseCoderOptions { Algorithm = SparseCodingAlgorithm.Omp, NonZeros = 3 });
        using var found = omp.Encode(samples);
        using var perSample = found.ne(0).sum(1);
        Assert.True(perSample.eq(3).all().item<bool>(), "every code must have exactly 3 non-zeros");
        using var sameSupport = found.ne(0).eq(codes.ne(0)).all(1);
        double recovered = sameSupport.to(ScalarType.Float64).mean().item<double>();
        Assert.True(recovered >= 0.95, $"planted support recovered for only {recovered:P0} of samples");
        using var exact = (found - codes).abs().max(1).values.lt(1e-3).to(ScalarType.Float64).mean();
        Assert.True(exact.item<double>() >= 0.95);

        // On noise data the count is still exact.
        using var noise = randn(50, 64, generator: new Generator(9));
        using var noiseCodes = omp.Encode(noise);
        Assert.True(noiseCodes.ne(0).sum(1).eq(3).all().item<bool>());
    }

    [Fact]
    public void Options_are_validated_naming_the_field()
    {
        using var d = eye(4);
        var e = Assert.Throws<LatentSharp.Options.InvalidOptionException>(() => new SparseCoder(d, new SparseCoderOptions { Lambda = 0 }));
        Assert.Equal("Lambda", e.Field);
        Assert.Throws<ArgumentException>(() => new SparseCoder(ones(4)));
        using var coder = new SparseCoder(d);
        Assert.Throws<ArgumentException>(() => coder.Encode(ones(2, 5)));
    }
}
