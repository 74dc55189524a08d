using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class ClassCoverageTests
{
    [Fact]
    public void Shares_entropy_and_covered_classes_of_a_planted_histogram()
    {
        // 50 in class 0, 30 in class 1, 20 in class 2, none in 3; min share 0.25 counts classes 0 and 1.
        using var predictions = cat([full(50, 0L), full(30, 1L), full(20, 2L)]);
        var coverage = ClassCoverage.Of(predictions, 4, 0.25);
        Assert.Equal([0.5, 0.3, 0.2, 0.0], coverage.Shares);
        double entropy = -(0.5 * Math.Log(0.5) + 0.3 * Math.Log(0.3) + 0.2 * Math.Log(0.2));
        Assert.Equal(entropy, coverage.Entropy, 12);
        double second = 0.5 * Math.Pow(Math.Log(0.5), 2) + 0.3 * Math.Pow(Math.Log(0.3), 2) + 0.2 * Math.Pow(Math.Log(0.2), 2);
        Assert.Equal(Math.Sqrt((second - entropy * entropy) / 100), coverage.EntropyStandardError, 12);
        Assert.Equal(2, coverage.Covered);
        Assert.Equal(0.5, coverage.LargestShare);
        Assert.Throws<ArgumentException>(() => ClassCoverage.Of(tensor(new long[] { 4 }), 4, 0));
    }

    [Fact]
    public void One_repeated_image_is_collapsed_and_real_test_images_are_not()
    {
        using var split = PlantedGeneratorsData();
        var test = split.Test!;
        using var collapsed = new ReplayGenerator(test.Features.narrow(0, 0, 1));
        using var real = new ReplayGenerator(test.Features);
        var estimator = EstimatorCatalog.Create("classes:samples=1000");

        var bad = estimator.Estimate(collapsed, new EstimationContext(test, null, new Generator(1)));
        Assert.Equal(1, bad.Single(f => f.Metric == "classes.covered").Value);
        Assert.Equal(0, bad.Single(f => f.Metric == "classes.entropy").Value, 12);
        Assert.Equal(1, bad.Single(f => f.Metric == "classes.largest_share").Value);

        var good = estimator.Estimate(real, new EstimationContext(test, null, new Generator(1)));
        Assert.Equal(10, good.Single(f => f.Metric == "classes.covered").Value);
        var entropy = good.Single(f => f.Metric == "classes.entropy");
        Assert.Equal(MetricKind.Estimate, entropy.Kind);
        Assert.InRange(entropy.Value, 2.1, Math.Log(10));

        var check = new ModeCollapseCheck(samples: 500);
        var record = new EpochRecord(new Dictionary<string, double>(), null, new Dictionary<string, MetricKind>());
        var warnings = check.Check(collapsed, record, split.Train, new Generator(2));
        Assert.Equal(ModeCollapseCheck.Condition, Assert.Single(warnings).Name);
        Assert.Contains("1 of the 10", warnings[0].Message);
        Assert.Empty(check.Check(real, record, split.Train, new Generator(2)));
    }

    [Fact]
    public void The_check_ignores_models_that_are_not_28x28_generators()
    {
        using var data = TestData.LowRankImages(32);
        using var model = new ReplayGenerator(data.Features);
        var record = new EpochRecord(new Dictionary<string, double>(), null, new Dictionary<string, MetricKind>());
        Assert.Empty(new ModeCollapseCheck().Check(model, record, data, new Generator(1)));
    }

    static DataSplit PlantedGeneratorsData() => ReplayGenerator.Embedded();
}
