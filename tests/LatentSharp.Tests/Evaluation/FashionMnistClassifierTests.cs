using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Tests.Models;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class FashionMnistClassifierTests
{
    /// <summary>Test accuracy documented in src/LatentSharp/Evaluation/Embedded/README.md (all 10,000 test images).</summary>
    const double DocumentedTestAccuracy = 0.8896;

    [Fact]
    public void The_embedded_classifier_loads_and_classifies_real_test_images()
    {
        using var split = ReplayGenerator.Embedded();
        var test = split.Test!.Take(500);
        using var predictions = FashionMnistClassifier.Predict(test.Features);
        double accuracy = predictions.eq(test.Labels!).to(ScalarType.Float64).mean().item<double>();
        Assert.InRange(accuracy, DocumentedTestAccuracy - 0.04, 1.0);   // 500 images: ±3 standard errors of ~1.4%
        using var features = FashionMnistClassifier.Features(test.Features);
        Assert.Equal([500L, 64], features.shape);
    }

    [Fact]
    public void The_documented_accuracy_holds_on_the_whole_test_set_when_it_is_installed()
    {
        if (!Directory.Exists(DataSources.SystemFashionMnistDirectory)) return;   // as DataSourcesTests: real data only when installed
        var folder = DataSources.SystemFashionMnistDirectory;
        using var test = IdxReader.ReadImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), "fashion-mnist/test");
        using var model = FashionMnistClassifier.Load();
        using var predictions = model.Predict(test.Features);
        double accuracy = predictions.eq(test.Labels!).to(ScalarType.Float64).mean().item<double>();
        Assert.Equal(DocumentedTestAccuracy, accuracy, 4);
    }

    [Fact]
    public void Other_shapes_are_refused_with_the_shape_named()
    {
        TestGenerator.EnsureRegistered();
        using var model = ModelCatalog.Create(TestGenerator.ModelName, null, [1, 8, 8], CPU, 1);
        using var data = TestData.LowRankImages(16);
        foreach (var spec in new[] { "frechet", "classes" })
        {
            var error = Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create(spec).Estimate(model, new EstimationContext(data, data, new Generator(1))));
            Assert.Contains("28x28", error.Message);
            Assert.Contains("[1, 8, 8]", error.Message);
        }
        Assert.False(FashionMnistClassifier.Fits([3, 28, 28]));
        Assert.True(FashionMnistClassifier.Fits([784]));
    }

    [Fact]
    public void Frechet_refuses_data_outside_the_unit_interval()
    {
        using var split = ReplayGenerator.Embedded();
        using var model = new ReplayGenerator(split.Test!.Features);
        using var data = new Dataset("shifted", split.Test!.Features.narrow(0, 0, 10) * 2 - 1);
        var error = Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create("frechet").Estimate(model, new EstimationContext(data, null, new Generator(1))));
        Assert.Contains("[0, 1]", error.Message);
    }

    [Fact]
    public void Frechet_is_small_for_real_images_against_real_images_and_large_for_one_repeated_image()
    {
        using var split = ReplayGenerator.Embedded();
        var test = split.Test!;
        using var real = new ReplayGenerator(split.Train.Features.narrow(0, 0, 500));
        using var collapsed = new ReplayGenerator(test.Features.narrow(0, 0, 1));
        var estimator = EstimatorCatalog.Create("frechet:samples=500,bootstrap=5");
        var good = estimator.Estimate(real, new EstimationContext(test, null, new Generator(1))).Single();
        var bad = estimator.Estimate(collapsed, new EstimationContext(test, null, new Generator(1))).Single();
        Assert.Equal("frechet.distance", good.Metric);
        Assert.True(good.StandardError > 0);
        Assert.True(bad.Value > 10 * good.Value, $"collapsed {bad.Value} vs real {good.Value}");
    }
}
