using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Tests.Models.Supervised;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class ProbeTests
{
    /// <summary>Two classes on concentric circles: not linearly separable, but neighbours share labels.</summary>
    static (Tensor X, Tensor Y) Rings(long n, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var y = randint(2, [n], generator: generator).to(ScalarType.Int64);
        var angle = rand(n, generator: generator) * 2 * Math.PI;
        var radius = y.to(ScalarType.Float32) * 2 + 1 + rand(n, generator: generator) * 0.3;
        return (stack([radius * angle.cos(), radius * angle.sin()], 1), y);
    }

    [Fact]
    public void Linear_probe_separates_planted_classes_and_is_deterministic()
    {
        using var train = ClassifierTests.Blobs(400, 1);
        using var test = ClassifierTests.Blobs(300, 2);
        var options = new LinearProbeOptions { Epochs = 20, BatchSize = 64 };
        using var probe = LinearProbe.Fit(train.Features, train.Labels!, 3, options);
        using var again = LinearProbe.Fit(train.Features, train.Labels!, 3, options);
        Assert.True(probe.Accuracy(test.Features, test.Labels!) > 0.95);
        using var a = probe.Logits(test.Features);
        using var b = again.Logits(test.Features);
        Assert.True(TestData.Same(a, b));
    }

    [Fact]
    public void Nearest_neighbours_solve_what_a_linear_probe_cannot()
    {
        var (trainX, trainY) = Rings(600, 1);
        var (testX, testY) = Rings(300, 2);
        using var knn = new NearestNeighborsClassifier(trainX, trainY, 2, k: 5);
        using var probe = LinearProbe.Fit(trainX, trainY, 2, new LinearProbeOptions { Epochs = 10 });
        Assert.True(knn.Accuracy(testX, testY, batchSize: 64) > 0.97);
        Assert.True(probe.Accuracy(testX, testY) < 0.75);
        // k = 1 on the training points themselves returns their own labels.
        using var oneNn = new NearestNeighborsClassifier(trainX, trainY, 2, k: 1);
        using var own = oneNn.Predict(trainX);
        Assert.True(TestData.Same(own, trainY));
    }

    [Fact]
    public void Cosine_neighbours_ignore_length_and_euclidean_ones_do_not()
    {
        // Class = direction (x-axis or y-axis); lengths are huge for class 0 in training, tiny for the queries.
        using var x = tensor(new float[,] { { 10, 0 }, { 11, 1 }, { 0, 1 }, { 1, 1.2f } });
        using var y = tensor(new long[] { 0, 0, 1, 1 });
        using var query = tensor(new float[,] { { 1, 0.1f } });
        using var cosine = new NearestNeighborsClassifier(x, y, 2, k: 1, DistanceMetric.Cosine);
        using var euclidean = new NearestNeighborsClassifier(x, y, 2, k: 1, DistanceMetric.Euclidean);
        using var c = cosine.Predict(query);
        using var e = euclidean.Predict(query);
        Assert.Equal(0, c.item<long>());
        Assert.Equal(1, e.item<long>());
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_parameter_named()
    {
        using var x = randn(4, 3);
        using var y = tensor(new long[] { 0, 1, 2, 5 });
        Assert.Contains("[0, 3)", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, y, 3)).Message);
        using var ok = tensor(new long[] { 0, 1, 2, 1 });
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighborsClassifier(x, ok, 3, k: 5)).ParamName);
    }

    [Fact]
    public void Balanced_subsets_take_n_per_class_reproducibly()
    {
        using var data = ClassifierTests.Blobs(200, 1);
        using var a = LabelledSubsets.Balanced(data, 10, seed: 1);
        using var b = LabelledSubsets.Balanced(data, 10, seed: 1);
        using var c = LabelledSubsets.Balanced(data, 10, seed: 2);
        Assert.Equal(30, a.Count);
        using var counts = a.Labels!.bincount(null);
        Assert.Equal(new long[] { 10, 10, 10 }, counts.data<long>().ToArray());
        Assert.True(TestData.Same(a.Features, b.Features));
        Assert.False(TestData.Same(a.Features, c.Features));
        Assert.Contains("only", Assert.Throws<ArgumentException>(() => LabelledSubsets.Balanced(data, 150, 1)).Message);
    }
}
