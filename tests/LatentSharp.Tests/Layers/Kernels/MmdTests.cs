using LatentSharp.Layers.Kernels;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Layers.Kernels;

public class MmdTests
{
    static Tensor Normal(long n, long d, double mean, ulong seed)
    {
        using var generator = new Generator(seed);
        return randn([n, d], dtype: ScalarType.Float64, generator: generator) + mean;
    }

    [Fact]
    public void Pairwise_distances_match_the_direct_differences_and_are_never_negative()
    {
        using var x = Normal(7, 3, 0, 1);
        using var y = Normal(5, 3, 1, 2);
        using var fast = PairwiseDistances.Squared(x, y);
        using var direct = (x.unsqueeze(1) - y.unsqueeze(0)).square().sum(2);
        Assert.True(allclose(fast, direct, rtol: 1e-10, atol: 1e-10));
        // Float32 rounding of ‖x‖² + ‖x‖² − 2x·x could dip below 0 for large norms; the clamp keeps 0.
        using var big = (Normal(50, 20, 0, 3) * 1000).to(ScalarType.Float32);
        Assert.True(PairwiseDistances.Squared(big, big).min().item<float>() >= 0);
    }

    public static TheoryData<string> Kernels() => ["rbf", "rbf-sum", "imq"];

    static IMmdKernel KernelNamed(string name) => name switch
    {
        "rbf" => new RbfKernel(1.5),
        "rbf-sum" => new RbfKernel(0.5, 1, 4),
        _ => new InverseMultiquadraticKernel(2.0),
    };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernels_are_symmetric_with_their_stated_diagonal(string name)
    {
        var kernel = KernelNamed(name);
        using var x = Normal(9, 4, 0, 4);
        using var gram = kernel.FromSquaredDistances(PairwiseDistances.Squared(x, x));
        Assert.True(allclose(gram, gram.t(), rtol: 1e-12, atol: 1e-12));
        Assert.True(allclose(gram.diagonal(), full(9, kernel.Diagonal, dtype: ScalarType.Float64), rtol: 1e-9, atol: 1e-9));
        Assert.Equal(name == "rbf-sum" ? 3.0 : 1.0, kernel.Diagonal);
        Assert.True(gram.max().item<double>() <= kernel.Diagonal + 1e-12);   // k(x, y) ≤ k(x, x)
    }

    [Fact]
    public void Rbf_and_imq_follow_their_formulas_at_a_known_distance()
    {
        using var d2 = tensor(new[] { 0.0, 2.0, 8.0 }, dtype: ScalarType.Float64).reshape(1, 3);
        var rbf = new RbfKernel(2.0).FromSquaredDistances(d2).data<double>().ToArray();
        Assert.Equal(Math.Exp(-2.0 / 8), rbf[1], 12);
        var sum = new RbfKernel(1.0, 2.0).FromSquaredDistances(d2).data<double>().ToArray();
        Assert.Equal(Math.Exp(-4.0) + Math.Exp(-1.0), sum[2], 12);
        var imq = new InverseMultiquadraticKernel(4.0).FromSquaredDistances(d2).data<double>().ToArray();
        Assert.Equal(4.0 / 12, imq[2], 12);
    }

    [Fact]
    public void Unbiased_mmd_between_samples_of_one_distribution_averages_zero_and_biased_stays_positive()
    {
        var kernel = new RbfKernel(1.0);
        var unbiased = new List<double>();
        for (ulong r = 0; r < 20; r++)
        {
            using var x = Normal(100, 2, 0, 10 + 2 * r);
            using var y = Normal(100, 2, 0, 11 + 2 * r);
            unbiased.Add(Mmd.Squared(x, y, kernel).item<double>());
            Assert.True(Mmd.Squared(x, y, kernel, MmdStatistic.Biased).item<double>() > 0);
        }
        double mean = unbiased.Average();
        double standardError = Math.Sqrt(unbiased.Sum(u => (u - mean) * (u - mean)) / (unbiased.Count - 1) / unbiased.Count);
        Assert.True(Math.Abs(mean) < 3 * standardError + 1e-4, $"mean {mean} ± {standardError}");
        Assert.Contains(unbiased, u => u < 0);   // the U-statistic is not clipped at zero
    }

    [Fact]
    public void Rbf_mmd_between_two_unit_gaussians_matches_the_closed_form()
    {
        // For k = exp(−(x−y)²/(2σ²)), x ~ N(μ1, s²), y ~ N(μ2, s²): E k = σ/√(σ²+2s²) · exp(−(μ1−μ2)²/(2(σ²+2s²))).
        // N(0,1) against N(1,1), σ = 1: MMD² = 2/√3 · (1 − e^(−1/6)) ≈ 0.17727.
        double expected = 2 / Math.Sqrt(3) * (1 - Math.Exp(-1.0 / 6));
        using var x = Normal(1000, 1, 0, 20);
        using var y = Normal(1000, 1, 1, 21);
        double estimate = Mmd.Squared(x, y, new RbfKernel(1.0)).item<double>();
        Assert.InRange(estimate, expected - 0.03, expected + 0.03);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Gradient_with_respect_to_one_sample_matches_finite_differences(string name)
    {
        var kernel = KernelNamed(name);
        using var y = Normal(6, 3, 0.5, 31);
        using var start = Normal(5, 3, 0, 30);
        foreach (var statistic in new[] { MmdStatistic.Unbiased, MmdStatistic.Biased })
        {
            using var x = start.clone().requires_grad_(true);
            Mmd.Squared(x, y, kernel, statistic).backward();
            var analytic = x.grad!.data<double>().ToArray();
            var values = start.data<double>().ToArray();
            const double h = 1e-6;
            for (int i = 0; i < values.Length; i++)
            {
                double At(double delta)
                {
                    var shifted = (double[])values.Clone();
                    shifted[i] += delta;
                    using var moved = tensor(shifted, dtype: ScalarType.Float64).reshape(5, 3);
                    return Mmd.Squared(moved, y, kernel, statistic).item<double>();
                }
                double numeric = (At(h) - At(-h)) / (2 * h);
                Assert.Equal(numeric, analytic[i], 6);
            }
        }
    }

    [Fact]
    public void The_unbiased_estimate_refuses_a_single_sample()
    {
        using var x = Normal(1, 2, 0, 1);
        using var y = Normal(4, 2, 0, 2);
        Assert.Throws<ArgumentException>(() => Mmd.Squared(x, y, new RbfKernel(1.0)));
        Assert.True(Mmd.Squared(x, y, new RbfKernel(1.0), MmdStatistic.Biased).item<double>() > 0);
        Assert.Throws<ArgumentException>(() => new RbfKernel(1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseMultiquadraticKernel(-1));
    }
}
