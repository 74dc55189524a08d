using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Tests.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class ParzenWindowTests
{
    static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    [Fact]
    public void Two_centres_one_dimension_by_hand()
    {
        // Centres 0 and 2, σ = 1: p(1) = ½(φ(1) + φ(1)) = φ(1); p(0) = ½(φ(0) + φ(2)).
        using var centres = tensor(new double[] { 0, 2 }).reshape(2, 1);
        using var points = tensor(new double[] { 1, 0 }).reshape(2, 1);
        var logDensities = ParzenWindow.LogDensities(points, centres, 1.0);
        Assert.Equal(-0.5 - HalfLogTwoPi, logDensities[0], 12);
        Assert.Equal(Math.Log(0.5 * (1 + Math.Exp(-2))) - HalfLogTwoPi, logDensities[1], 12);
    }

    [Fact]
    public void Chunks_do_not_change_the_densities_and_far_points_stay_finite()
    {
        using var generator = new Generator(5);
        using var centres = randn(1000, 3, generator: generator, dtype: ScalarType.Float64);
        using var points = cat([randn(6, 3, generator: generator, dtype: ScalarType.Float64), full(1, 3, 50.0, dtype: ScalarType.Float64)]);
        double[] sigmas = [0.3, 1];
        var whole = ParzenWindow.LogDensities(points, centres, sigmas);
        var chunked = ParzenWindow.LogDensities(points, centres, sigmas, distancesPerChunk: 2000);   // 2 rows per chunk
        for (int i = 0; i < 7; i++)
            Assert.Equal(whole[i], chunked[i], (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.True(double.IsFinite(whole[6][0]) && whole[6][0] < -10_000);   // log-sum-exp: no underflow to -inf
    }

    [Fact]
    public void With_many_samples_the_estimate_approaches_the_closed_form_log_density_in_two_dimensions()
    {
        // Model samples from N(0, diag(1, 4)); the Parzen estimate at the chosen σ approaches log N(x; 0, diag(1, 4)).
        using var generator = new Generator(11);
        var scale = tensor(new double[] { 1, 2 });
        using var centres = randn(4000, 2, generator: generator, dtype: ScalarType.Float64) * scale;
        using var validation = randn(300, 2, generator: generator, dtype: ScalarType.Float64) * scale;
        using var test = randn(500, 2, generator: generator, dtype: ScalarType.Float64) * scale;
        var (sigma, _) = ParzenWindow.SelectBandwidth(validation, centres, ParzenWindow.LogSpaced(0.05, 1, 9));
        double estimate = ParzenWindow.LogDensities(test, centres, sigma).Average();
        var x = test.data<double>().ToArray();
        double exact = Enumerable.Range(0, 500).Average(i => -x[2 * i] * x[2 * i] / 2 - x[2 * i + 1] * x[2 * i + 1] / 8 - Math.Log(2) - 2 * HalfLogTwoPi);
        Assert.InRange(estimate - exact, -0.04, 0.02);
        Assert.InRange(sigma, 0.1, 0.7);
    }

    [Fact]
    public void Bandwidth_selection_recovers_the_planted_scale()
    {
        // Centres exactly at the means of a 2-D mixture of isotropic Gaussians with σ0 = 0.3: the window
        // is that mixture when σ = σ0, so the validation likelihood peaks there.
        const double planted = 0.3;
        using var generator = new Generator(3);
        var grid = arange(5, dtype: ScalarType.Float64) * 10;
        using var centres = stack([grid.repeat_interleave(5), grid.repeat(5)], 1);          // 25 centres, 10 apart
        using var pick = randint(25, [4000], generator: generator, dtype: ScalarType.Int64);
        using var validation = centres.index_select(0, pick) + randn(4000, 2, generator: generator, dtype: ScalarType.Float64) * planted;
        var (sigma, means) = ParzenWindow.SelectBandwidth(validation, centres, ParzenWindow.LogSpaced(0.05, 2, 41));
        Assert.InRange(sigma, planted * 0.93, planted * 1.07);
        Assert.True(means.First() < means.Max() && means.Last() < means.Max());   // an interior maximum
    }

    [Fact]
    public void Log_spaced_grid_has_its_ends_and_a_constant_ratio()
    {
        var grid = ParzenWindow.LogSpaced(0.01, 1, 5);
        Assert.Equal([0.01, 0.01 * Math.Sqrt(10), 0.1, 0.1 * Math.Sqrt(10), 1], grid, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Throws<ArgumentException>(() => ParzenWindow.LogSpaced(0, 1, 5));
    }

    [Fact]
    public void Estimator_reports_nats_bits_per_dim_and_the_standard_error_over_the_scored_samples()
    {
        TestGenerator.EnsureRegistered();
        using var model = (IGenerator)ModelCatalog.Create(TestGenerator.ModelName, new TestGeneratorOptions { Spread = 1 }, [1], CPU, 1);   // samples N(0, 1)
        using var generator = new Generator(4);
        using var test = new Dataset("gauss-test", randn(800, 1, generator: generator));
        using var train = new Dataset("gauss-train", randn(500, 1, generator: generator));
        var estimator = EstimatorCatalog.Create("parzen:samples=3000,validation=300,sigma-min=0.05,sigma-steps=9");
        Assert.True(estimator.Descriptor.FitsOnTrainingSplit);
        var figures = estimator.Estimate(model, new EstimationContext(test, train, new Generator(9)));

        var x = test.Features.to(ScalarType.Float64).data<double>().ToArray();
        var exact = x.Select(v => -v * v / 2 - HalfLogTwoPi).ToArray();
        double exactMean = exact.Average();
        double exactError = Math.Sqrt(exact.Sum(v => (v - exactMean) * (v - exactMean)) / (x.Length - 1) / x.Length);
        var nats = figures.Single(f => f.Metric == "parzen.log_likelihood");
        Assert.Equal(MetricKind.Estimate, nats.Kind);
        Assert.Equal("nats", nats.Unit);
        Assert.InRange(nats.Value - exactMean, -0.05, 0.05);
        Assert.InRange(nats.StandardError!.Value, 0.8 * exactError, 1.2 * exactError);
        var bits = figures.Single(f => f.Metric == "parzen.bits_per_dim");
        Assert.Equal(-nats.Value / Math.Log(2), bits.Value, 9);
        Assert.Equal(MetricKind.Proxy, figures.Single(f => f.Metric == "parzen.sigma").Kind);
    }

    [Fact]
    public void Estimator_needs_the_training_split_to_choose_sigma()
    {
        TestGenerator.EnsureRegistered();
        using var model = ModelCatalog.Create(TestGenerator.ModelName, null, [1], CPU, 1);
        using var data = new Dataset("one", zeros(10, 1));
        var error = Assert.Throws<EstimatorException>(() =>
            EstimatorCatalog.Create("parzen:samples=10").Estimate(model, new EstimationContext(data, null, new Generator(1))));
        Assert.Contains("training split", error.Message);
        Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create("parzen:sigma-min=2,sigma-max=1"));
    }
}
