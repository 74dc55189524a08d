using System.Globalization;
using LatentSharp.Options;

namespace LatentSharp.Tests.Cli;

public class LearningRateCliTests
{
    static string SmallCsv(TestData.TempDirectory dir)
    {
        var csv = dir.File("points.csv");
        File.WriteAllLines(csv, Enumerable.Range(0, 64).Select(r => string.Join(",", Enumerable.Range(0, 6).Select(c => ((r * 3 + c) % 5 / 5.0).ToString(CultureInfo.InvariantCulture)))));
        return csv;
    }

    [Theory]
    [InlineData("--lr and --learning-rate are the same option", "--lr", "1e-3", "--learning-rate", "1e-3")]
    [InlineData("--lr and --learning-rate are the same option", "--learning-rate", "1e-2", "--lr", "1e-3")]
    [InlineData("--lr: 'linear:1e-3' is not a schedule", "--lr", "linear:1e-3")]
    [InlineData("--learning-rate: 'fast' is not a schedule", "--learning-rate", "fast")]
    [InlineData("--learning-rate: linear:20->1 is not allowed", "--lr", "linear:20->1")]
    public void Bad_learning_rates_get_one_clear_line_and_exit_code_2(string expected, params string[] options)
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var result = CliRunner.Run(["train", "autoencoder", "--data", SmallCsv(dir), "--out", run, .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("latent: ", result.Error);
        var first = result.Error.Split('\n')[0];   // the one line; a hint on --verbose may follow
        Assert.Contains(expected, first);
        if (expected.Contains("schedule")) Assert.Contains(Schedule.Grammar, first);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void A_scheduled_learning_rate_is_trained_with_and_saved_in_the_run_config()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var result = CliRunner.Run("train", "autoencoder", "--data", SmallCsv(dir), "--out", run, "--epochs", "1",
            "--hidden-sizes", "4", "--code-size", "2", "--loss", "mse", "--output", "linear", "--lr", "cosine:0.01->0,warmup=2");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\"learningRate\": \"cosine:0.01->0,warmup=2\"", File.ReadAllText(Path.Combine(run, "config.json")));
    }

    [Fact]
    public void Models_shows_that_the_learning_rate_takes_a_schedule()
    {
        var result = CliRunner.Run("models", "autoencoder");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"--learning-rate\s+1e-3\s+.*linear:1e-3->1e-5.*number or schedule", result.Out);
        Assert.Contains("rms-prop", result.Out);
    }
}
