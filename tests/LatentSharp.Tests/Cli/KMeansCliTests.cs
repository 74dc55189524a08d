using System.Globalization;

namespace LatentSharp.Tests.Cli;

public class KMeansCliTests
{
    [Fact]
    public void Train_kmeans_writes_centroids_and_evaluate_prints_inertia_ari_and_nmi()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var train = CliRunner.Run("train", "kmeans", "--data", "fashion-mnist-small", "--clusters", "10", "--epochs", "3", "--batch-size", "5000", "--out", run);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(Path.Combine(run, "centroids.png")), "centroids.png missing");
        var evaluate = CliRunner.Run("evaluate", run);
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        // A row is metric, value, kind, standard error, estimator.
        double Value(string key) => double.Parse(evaluate.Out.Split('\n').First(l => l.StartsWith(key + "\t")).Split('\t')[1], CultureInfo.InvariantCulture);
        Assert.InRange(Value("ari"), 0.2, 1.0);   // k-means on Fashion-MNIST finds about a third of the class structure
        Assert.InRange(Value("nmi"), 0.3, 1.0);
        Assert.Equal(Value("inertia") / 1000, Value("loss"), 6);
    }

    [Fact]
    public void Zero_clusters_is_a_usage_error_naming_the_option()
    {
        var result = CliRunner.Run("train", "kmeans", "--data", "fashion-mnist-small", "--clusters", "0", "--epochs", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Clusters", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
