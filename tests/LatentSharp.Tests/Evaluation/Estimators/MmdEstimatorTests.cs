using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation.Estimators;

/// <summary>Samples N(shift, 1) in 2-D from the generator it is given.</summary>
internal sealed class ShiftedGaussianGenerator(double shift) : PlantedModel("gaussian", [2]), IGenerator
{
    public Tensor Sample(long count, Generator? generator = null) => randn([count, 2], generator: generator) + shift;
}

public class MmdEstimatorTests
{
    static Dataset StandardNormal(long count)
    {
        using var generator = new Generator(123);
        return new Dataset("normal", randn([count, 2], generator: generator));
    }

    static MetricValue Run(string spec, IModel model, IBatchSource data, ulong seed = 1)
    {
        using var generator = new Generator(seed);
        return Assert.Single(EstimatorCatalog.Create(spec).Estimate(model, new EstimationContext(data, null, generator)));
    }

    [Theory]
    [InlineData("mmd:bandwidth=1")]
    [InlineData("mmd:kernel=imq,scale=2")]
    public void A_generator_matching_the_data_scores_near_zero_and_a_shifted_one_clearly_above(string spec)
    {
        using var data = StandardNormal(2000);
        var matching = Run(spec + ",samples=2000,blocks=20", new ShiftedGaussianGenerator(0), data);
        var shifted = Run(spec + ",samples=2000,blocks=20", new ShiftedGaussianGenerator(1), data);
        Assert.Equal(("mmd.mmd2", MetricKind.Estimate), (matching.Metric, matching.Kind));
        Assert.NotNull(matching.StandardError);
        Assert.True(Math.Abs(matching.Value) < 3 * matching.StandardError!.Value + 1e-3, $"{matching.Value} ± {matching.StandardError}");
        Assert.True(shifted.Value > 0.1 && shifted.Value > 10 * shifted.StandardError!.Value, $"{shifted.Value} ± {shifted.StandardError}");
    }

    [Fact]
    public void The_rbf_figure_matches_the_closed_form_for_a_unit_shift()
    {
        // In 2-D with a shift of 1 along each axis (squared distance of the means 2), σ = 1, s = 1:
        // E k = (σ²/(σ²+2s²))^(d/2) · exp(−|Δμ|²/(2(σ²+2s²))), so MMD² = 2/3 · (1 − e^(−1/3)) ≈ 0.1889.
        double expected = 2.0 / 3 * (1 - Math.Exp(-1.0 / 3));
        using var data = StandardNormal(2000);
        var shifted = Run("mmd:bandwidth=1,samples=2000,blocks=20", new ShiftedGaussianGenerator(1), data);
        Assert.InRange(shifted.Value, expected - 4 * shifted.StandardError!.Value - 0.01, expected + 4 * shifted.StandardError!.Value + 0.01);
    }

    [Fact]
    public void One_seed_gives_one_figure_and_too_little_data_is_refused()
    {
        using var data = StandardNormal(300);
        var model = new ShiftedGaussianGenerator(0.5);
        Assert.Equal(Run("mmd:samples=200", model, data, 4).Value, Run("mmd:samples=200", model, data, 4).Value);
        using var tiny = StandardNormal(15);
        var error = Assert.Throws<EstimatorException>(() => Run("mmd", model, tiny));
        Assert.Contains("20 samples", error.Message);
    }

    [Fact]
    public void A_model_that_cannot_sample_is_refused_by_capability()
    {
        var descriptor = EstimatorCatalog.Get("mmd");
        Assert.NotNull(descriptor.Refusal(new IdentityReconstructor([2])));
        Assert.Null(descriptor.Refusal(new ShiftedGaussianGenerator(0)));
    }
}
