using System.Globalization;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Training;

namespace LatentSharp.Tests.Cli;

public class EvaluateCliTests
{
    static string[] Row(string output, string metric) =>
        output.Split('\n').First(l => l.StartsWith(metric + "\t", StringComparison.Ordinal)).TrimEnd('\r').Split('\t');

    [Fact]
    public void Evaluate_runs_named_estimators_prints_kinds_and_records_them_in_evaluation_json()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("ae");
        var train = CliRunner.Run("train", "autoencoder", "--out", run, "--hidden-sizes", "16", "--code-size", "4", "--epochs", "1", "--batch-size", "512");
        Assert.True(train.ExitCode == 0, train.Error);

        // probe:epochs=2 keeps the test fast; the full default fit is the same code.
        var result = CliRunner.Run("evaluate", run, "--estimator", "probe:epochs=2", "--estimator", "knn", "--estimator", "reconstruction");
        Assert.True(result.ExitCode == 0, result.Error);
        var probe = Row(result.Out, "probe.accuracy");
        Assert.InRange(double.Parse(probe[1], CultureInfo.InvariantCulture), 0.2, 1.0);   // chance is 0.1
        Assert.Equal(("exact", "probe:epochs=2"), (probe[2], probe[4]));
        Assert.Equal("exact", Row(result.Out, "knn.accuracy")[2]);
        Assert.Equal("proxy", Row(result.Out, "reconstruction.squared_error")[2]);
        Assert.Equal("proxy", Row(result.Out, "reconstruction.bce")[2]);

        var file = EvaluationFile.Read(run);
        Assert.Equal(["probe:epochs=2", "knn", "reconstruction"], file.Entries.Select(e => e.Spec));
        Assert.All(file.Entries, e => Assert.Equal(("test", 1000L, 1L), (e.Split, e.Count, e.Seed)));
        Assert.Equal(5000, file.Find("knn")!.TrainCount);
        Assert.Null(file.Find("reconstruction")!.TrainCount);
        Assert.Equal(MetricKind.Exact, file.Find("knn")!.Values.Single().Kind);
        Assert.Contains("\"kind\": \"proxy\"", File.ReadAllText(EvaluationFile.PathIn(run)));

        // Another estimator adds an entry; the same one again (written differently) replaces its entry.
        var more = CliRunner.Run("evaluate", run, "--estimator", "knn:k=1", "--estimator", "knn:k=5,metric=euclidean", "--estimator", "loss");
        Assert.True(more.ExitCode == 0, more.Error);
        Assert.Equal(("proxy", "loss"), (Row(more.Out, "loss")[2], Row(more.Out, "loss")[4]));
        Assert.Equal(["probe:epochs=2", "knn", "reconstruction", "knn:k=1", "loss"], EvaluationFile.Read(run).Entries.Select(e => e.Spec));
    }

    [Fact]
    public void Bad_estimators_and_a_damaged_evaluation_json_exit_with_code_2_and_one_line()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("ae");
        Assert.Equal(0, CliRunner.Run("train", "autoencoder", "--out", run, "--hidden-sizes", "8", "--code-size", "2", "--epochs", "1", "--batch-size", "512").ExitCode);

        var unknown = CliRunner.Run("evaluate", run, "--estimator", "knn", "--estimator", "fid");
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("latent: --estimator: Unknown estimator 'fid'. Estimators: loss, reconstruction, probe, knn, denoising, w1.", unknown.Error);
        var badKey = CliRunner.Run("evaluate", run, "--estimator", "knn:n=3");
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("Valid options: k, metric", badKey.Error);
        Assert.Equal(2, CliRunner.Run("evaluate", run, "--estimator", "knn", "--estimator", "knn:k=5").ExitCode);
        Assert.False(File.Exists(EvaluationFile.PathIn(run)));

        File.WriteAllText(EvaluationFile.PathIn(run), "{ \"format\": 1, \"entries\": [");
        var damaged = CliRunner.Run("evaluate", run, "--estimator", "reconstruction");
        Assert.Equal(2, damaged.ExitCode);
        Assert.StartsWith($"latent: {EvaluationFile.PathIn(run)} is not a valid evaluation file", damaged.Error);
        Assert.Equal("{ \"format\": 1, \"entries\": [", File.ReadAllText(EvaluationFile.PathIn(run)));
    }
}
