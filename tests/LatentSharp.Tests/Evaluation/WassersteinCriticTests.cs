using LatentSharp.Evaluation;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class WassersteinCriticTests(ITestOutputHelper output)
{
    // Half held out: the estimate's sampling noise is that of a mean difference over 10,000 + 10,000 samples
    // (s.e. ≈ 0.014 per coordinate), small beside the 10% asked of a gap of 0.5.
    static readonly WassersteinCriticOptions Fast = new() { Steps = 300, HiddenSizes = [16, 16], HeldOutFraction = 0.5 };
    const int Samples = 20_000;

    // Two Gaussians of one covariance that differ by a shift δ: W1 = ‖δ‖ (the transport is the shift itself).
    static (Tensor A, Tensor B) Shifted(double[] shift, double spread = 1, long seed = 11)
    {
        using var random = new Generator((ulong)seed);
        var a = randn([Samples, shift.Length], dtype: ScalarType.Float64, generator: random) * spread;
        var b = randn([Samples, shift.Length], dtype: ScalarType.Float64, generator: random) * spread + tensor(shift);
        return (a, b);
    }

    W1Estimate Estimate(Tensor a, Tensor b, WassersteinCriticOptions options, double exact)
    {
        var estimate = WassersteinCritic.Estimate(a, b, options, new Generator(3));
        output.WriteLine($"exact {exact}: {estimate}");
        return estimate;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    public void Two_unit_gaussians_give_their_mean_gap_within_ten_percent(double gap)
    {
        var (a, b) = Shifted([gap]);
        var estimate = Estimate(a, b, Fast, gap);
        Assert.InRange(estimate.Distance, 0.9 * gap, 1.1 * gap);
        Assert.True(estimate.StandardError > 0 && estimate.StandardError < 0.05 * gap, $"standard error {estimate.StandardError}");
    }

    // The scale is the data's: the same pair in units 100 times smaller gives 100 times the distance.
    [Fact]
    public void The_estimate_is_in_the_data_units()
    {
        var (a, b) = Shifted([200.0], spread: 100);
        Assert.InRange(Estimate(a, b, Fast, 200).Distance, 180, 220);
    }

    // A shift along a direction off every diagonal: a box-clipped linear critic favours sign(δ), not δ (bench/results/wgan.md).
    [Theory]
    [InlineData(new[] { 1.2, -1.6 }, 2.0)]
    [InlineData(new[] { 0.3, 2.9, -0.4, 0.1, 0.0, 1.1, -0.2, 0.5, 0.0, 0.6 }, 3.245)]
    public void Shifted_gaussians_in_several_dimensions_give_the_shift_norm_within_ten_percent(double[] shift, double norm)
    {
        Assert.Equal(norm, Math.Sqrt(shift.Sum(v => v * v)), 3);
        var (a, b) = Shifted(shift);
        Assert.InRange(Estimate(a, b, Fast, norm).Distance, 0.9 * norm, 1.1 * norm);
    }

    // A clip ten times below the paper's: the critic's values are ~1e-8 and its slopes must survive rounding
    // (float32 gave 0.48 of W1 here); its step size follows c (c / 200). Larger clips: bench/results/wgan.md.
    [Fact]
    public void A_small_clip_gives_the_same_calibrated_estimate()
    {
        var (a, b) = Shifted([1.2, -1.6]);
        Assert.InRange(Estimate(a, b, Fast with { Clip = 0.001 }, 2).Distance, 1.8, 2.2);
    }

    [Fact]
    public void Two_samples_of_one_distribution_give_nearly_zero()
    {
        using var random = new Generator(7);
        var a = randn([Samples, 2], dtype: ScalarType.Float64, generator: random);
        var b = randn([Samples, 2], dtype: ScalarType.Float64, generator: random);
        Assert.InRange(Estimate(a, b, Fast, 0).Distance, -0.05, 0.05);
    }

    [Fact]
    public void Two_point_masses_give_their_distance()
    {
        var a = tensor(new float[] { 0, 0 }).expand(200, 2).contiguous();
        var b = tensor(new float[] { 3, 4 }).expand(200, 2).contiguous();
        Assert.Equal(5.0, Estimate(a, b, Fast with { Steps = 50 }, 5).Distance, 6);
    }

    [Fact]
    public void One_generator_seed_gives_one_estimate()
    {
        var a = randn([200, 1], generator: new Generator(1));
        var b = randn([200, 1], generator: new Generator(2)) + 1;
        var options = Fast with { Steps = 20 };
        Assert.Equal(WassersteinCritic.Estimate(a, b, options, new Generator(4)), WassersteinCritic.Estimate(a, b, options, new Generator(4)));
    }
}
