using System.Globalization;
using LatentSharp.Training;

namespace LatentSharp.Tests.Cli;

/// <summary>
/// The defects a new user met (issue 9, part 11): data of another width, BCE on data outside
/// [0, 1], a CSV column named label, SOM codes, maps too big for memory.
/// </summary>
public class DataCheckCliTests
{
    static readonly string[] TinyAutoencoder = ["--epochs", "1", "--hidden-sizes", "8", "--code-size", "2", "--batch-size", "16"];

    /// <summary>A CSV of <paramref name="rows"/> × <paramref name="width"/> values from <paramref name="low"/> to <paramref name="high"/>, with an optional header.</summary>
    static string Csv(TestData.TempDirectory dir, string name, int rows, int width, double low = 0, double high = 1, string? header = null)
    {
        var path = dir.File(name);
        var lines = Enumerable.Range(0, rows).Select(r => string.Join(",", Enumerable.Range(0, width)
            .Select(c => (low + (high - low) * ((r * 7 + c * 3) % 11) / 10.0).ToString(CultureInfo.InvariantCulture))));
        File.WriteAllLines(path, header is null ? lines : lines.Prepend(header));
        return path;
    }

    static void AssertOneLineRefusal(CliRunner.Result result, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.StartsWith("latent: ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => !line.StartsWith("(add --verbose"));   // one message, then the usual hint
        foreach (var text in expected) Assert.Contains(text, result.Error);
    }

    [Fact]
    public void Commands_applying_a_run_to_data_of_another_width_give_one_line_with_both_sample_shapes()
    {
        using var dir = TestData.TempDir();
        // Widths 4 and 9 are both square images, so only the width check can refuse (not "not images").
        var narrow = Csv(dir, "narrow.csv", 40, 4);
        var wide = Csv(dir, "wide.csv", 40, 9);
        var run = dir.File("run");
        var trained = CliRunner.Run(["train", "autoencoder", "--data", narrow, "--out", run, .. TinyAutoencoder]);
        Assert.True(trained.ExitCode == 0, trained.Error);

        AssertOneLineRefusal(CliRunner.Run("evaluate", run, "--data", wide), "[4]", "[9]");
        AssertOneLineRefusal(CliRunner.Run("encode", run, "--data", wide, "--out", dir.File("codes.csv")), "[4]", "[9]");
        AssertOneLineRefusal(CliRunner.Run("reconstruct", run, "--data", wide, "--out", dir.File("grid.png")), "[4]", "[9]");
        AssertOneLineRefusal(CliRunner.Run("denoise", run, "--data", wide, "--noise", "gaussian:0.1", "--out", dir.File("d.png")), "[4]", "[9]");
        AssertOneLineRefusal(CliRunner.Run("train", "--resume", "--out", run, "--data", wide, "--epochs", "2"), "[4]", "[9]");
        Assert.False(File.Exists(dir.File("codes.csv")));
    }

    [Fact]
    public void Stacked_autoencoder_and_finetune_runs_refuse_data_of_another_width()
    {
        using var dir = TestData.TempDir();
        var narrow = Csv(dir, "narrow.csv", 40, 4);
        var wide = Csv(dir, "wide.csv", 40, 9);
        var run = dir.File("stacked");
        var trained = CliRunner.Run("train", "stacked-autoencoder", "--data", narrow, "--out", run, "--layer-sizes", "3", "--epochs-per-layer", "1", "--epochs", "1", "--batch-size", "16");
        Assert.True(trained.ExitCode == 0, trained.Error);
        AssertOneLineRefusal(CliRunner.Run("evaluate", run, "--data", wide), "[4]", "[9]");

        var labelled = dir.File("labelled.csv");
        File.WriteAllLines(labelled, File.ReadAllLines(wide).Select((line, i) => $"{line},{i % 2}"));
        AssertOneLineRefusal(CliRunner.Run("finetune", run, "--labels-per-class", "2", "--data", labelled, "--test-data", labelled, "--label-column", "last", "--out", dir.File("ft")), "[4]", "[9]");
        Assert.False(Directory.Exists(dir.File("ft")));
    }

    [Fact]
    public void Bce_on_data_outside_zero_one_is_refused_naming_the_mse_loss()
    {
        using var dir = TestData.TempDir();
        var data = Csv(dir, "wide-range.csv", 40, 4, low: -2, high: 3);
        var refused = CliRunner.Run(["train", "autoencoder", "--data", data, "--out", dir.File("run"), .. TinyAutoencoder]);
        AssertOneLineRefusal(refused, "--loss mse", "-2", "3");
        Assert.False(Directory.Exists(dir.File("run")), "a refused run must not leave a run folder");
        var mse = CliRunner.Run(["train", "autoencoder", "--data", data, "--out", dir.File("mse"), "--loss", "mse", "--output", "linear", .. TinyAutoencoder]);
        Assert.True(mse.ExitCode == 0, mse.Error);
    }

    [Fact]
    public void A_column_named_label_is_used_as_the_label_and_the_user_is_told()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("named.csv");
        File.WriteAllLines(path, ["a,b,Label,c", "0.1,0.2,0,0.3", "0.4,0.5,1,0.6", "0.7,0.8,1,0.9"]);
        var described = CliRunner.Run("data", path);
        Assert.True(described.ExitCode == 0, described.Error);
        Assert.Contains("shape     [3]", described.Out);
        Assert.Contains("2 classes", described.Out);
        Assert.Contains("'Label'", described.Error);
        Assert.Contains("--label-column", described.Error);

        var asFeature = CliRunner.Run("data", path, "--label-column", "none");
        Assert.True(asFeature.ExitCode == 0, asFeature.Error);
        Assert.Contains("shape     [4]", asFeature.Out);
        Assert.Contains("labels    none", asFeature.Out);
        Assert.Equal("", asFeature.Error);
    }

    [Fact]
    public void Encode_of_a_som_run_writes_grid_rows_and_columns()
    {
        using var dir = TestData.TempDir();
        var data = Csv(dir, "points.csv", 60, 2);
        var run = dir.File("som");
        var trained = CliRunner.Run("train", "som", "--data", data, "--out", run, "--rows", "3", "--columns", "4", "--epochs", "2", "--batch-size", "20");
        Assert.True(trained.ExitCode == 0, trained.Error);
        var codes = dir.File("codes.csv");
        var encoded = CliRunner.Run("encode", run, "--out", codes);
        Assert.True(encoded.ExitCode == 0, encoded.Error);
        var rows = File.ReadAllLines(codes).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r => Assert.True(r[0] is 0 or 1 or 2 && r[1] is 0 or 1 or 2 or 3, $"({r[0]}, {r[1]}) is not a cell of the 3 × 4 grid"));
        Assert.Contains(rows, r => r[1] > 0);
    }

    [Fact]
    public void A_som_too_big_for_memory_is_refused_with_the_estimate_and_the_option()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var result = CliRunner.Run("train", "som", "--rows", "2000", "--columns", "2000", "--out", run);
        AssertOneLineRefusal(result, "--rows", "GB");
        Assert.False(Directory.Exists(run));
    }
}
