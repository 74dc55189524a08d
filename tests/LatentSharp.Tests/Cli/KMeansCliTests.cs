using LatentSharp.Data;
using LatentSharp.Training.Checkpoints;
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
        // k-means on Fashion-MNIST finds about a third of the class structure: ARI 0.33–0.35 and NMI
        // 0.51–0.52 for seeds 1–3 here (scikit-learn on the full set: ARI 0.34–0.40).
        Assert.InRange(Value("ari"), 0.30, 0.40);
        Assert.InRange(Value("nmi"), 0.47, 0.56);
        Assert.Equal(Value("inertia") / 1000, Value("loss"), 6);

        // The printed inertia is the test split's sum of squared distances to the saved centroids,
        // recomputed here with plain arithmetic.
        var (tensors, _) = SafeTensorsFile.Read(Path.Combine(run, "model.safetensors"));
        float[] centroids = tensors["centroids"].data<float>().ToArray();
        foreach (var t in tensors.Values) t.Dispose();
        using var split = DataSources.Resolve("fashion-mnist-small");
        float[] images = split.Test!.Features.reshape(-1).data<float>().ToArray();
        const int D = 784;
        double inertia = 0;
        for (int i = 0; i < images.Length / D; i++)
        {
            double nearest = double.PositiveInfinity;
            for (int c = 0; c < centroids.Length / D; c++)
            {
                double d = 0;
                for (int j = 0; j < D; j++) { double diff = images[i * D + j] - centroids[c * D + j]; d += diff * diff; }
                nearest = Math.Min(nearest, d);
            }
            inertia += nearest;
        }
        Assert.Equal(inertia, Value("inertia"), inertia * 1e-5);
    }

    [Fact]
    public void A_resumed_kmeans_run_continues_to_the_uninterrupted_runs_centroids()
    {
        using var dir = TestData.TempDir();
        string[] Train(string run, int epochs) => ["train", "kmeans", "--data", "fashion-mnist-small", "--clusters", "10", "--epochs", $"{epochs}", "--batch-size", "1000", "--seed", "4", "--out", run];
        var whole = CliRunner.Run(Train(dir.File("whole"), 6));
        Assert.True(whole.ExitCode == 0, whole.Error);
        var part = CliRunner.Run(Train(dir.File("part"), 3));
        Assert.True(part.ExitCode == 0, part.Error);
        var firstEpochs = File.ReadAllLines(Path.Combine(dir.File("part"), "metrics.jsonl"));
        var resumed = CliRunner.Run("train", "--resume", "--out", dir.File("part"), "--epochs", "6");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var allEpochs = File.ReadAllLines(Path.Combine(dir.File("part"), "metrics.jsonl"));
        Assert.Equal(6, allEpochs.Length);   // no convergence before epoch 6 at this tolerance
        Assert.Equal(firstEpochs, allEpochs.Take(3));   // the first three epochs were kept, not run again
        float[] Centroids(string run)
        {
            var (tensors, _) = SafeTensorsFile.Read(Path.Combine(run, "model.safetensors"));
            try { return tensors["centroids"].data<float>().ToArray(); }
            finally { foreach (var t in tensors.Values) t.Dispose(); }
        }
        Assert.Equal(Centroids(dir.File("whole")), Centroids(dir.File("part")));
    }

    [Fact]
    public void Zero_clusters_is_a_usage_error_naming_the_option()
    {
        var result = CliRunner.Run("train", "kmeans", "--data", "fashion-mnist-small", "--clusters", "0", "--epochs", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Clusters", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
