using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Tests.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class WassersteinEstimatorTests
{
    [Fact]
    public void W1_needs_a_generator_and_reports_a_calibrated_estimate_with_its_standard_error()
    {
        TestGenerator.EnsureRegistered();
        var estimator = EstimatorCatalog.Create("w1:steps=20,samples=64");
        Assert.Contains(typeof(IGenerator), estimator.Descriptor.Requires);
        using var model = ModelCatalog.Create(TestGenerator.ModelName, null, [1, 8, 8], CPU, 1);
        using var data = TestData.LowRankImages(64, seed: 3);
        var figures = estimator.Estimate(model, new EstimationContext(data, null, new Generator(2)));
        var distance = figures.Single(f => f.Metric == "w1.distance");
        Assert.Equal(MetricKind.Estimate, distance.Kind);
        Assert.NotNull(distance.StandardError);
        Assert.True(double.IsFinite(distance.Value));
        Assert.Equal(MetricKind.Proxy, figures.Single(f => f.Metric == "w1.critic").Kind);
    }
}
