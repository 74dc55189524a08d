using System.Text.Json;
using LatentSharp.Training;
using SkiaSharp;

namespace LatentSharp.Tests.Cli;

public class CliTests
{
    // A small, fast configuration on the embedded Fashion-MNIST subset.
    static readonly string[] Small = ["--epochs", "2", "--hidden-sizes", "64", "--code-size", "8", "--batch-size", "64"];

    [Fact]
    public void Models_lists_every_model_and_shows_options_with_defaults()
    {
        var list = CliRunner.Run("models");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("autoencoder", list.Out);
        Assert.Contains("conv-autoencoder", list.Out);
        var one = CliRunner.Run("models", "autoencoder");
        Assert.Equal(0, one.ExitCode);
        Assert.Matches(@"--hidden-sizes\s+512,256", one.Out);
        Assert.Matches(@"--learning-rate\s+1e-3", one.Out);
        Assert.Contains("bce", one.Out);
    }

    [Fact]
    public void Train_writes_a_complete_run_folder_and_the_run_can_be_used()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var result = CliRunner.Run(["train", "autoencoder", "--out", run, .. Small]);
        Assert.True(result.ExitCode == 0, result.Error);
        // Not a terminal: plain lines, one per epoch (loss and recon are the same number here, shown once), then the time taken.
        Assert.Matches(@"(?m)^epoch 2/2  seconds [\d.]+  train\.loss=recon [\d.]+  test\.loss=recon [\d.]+$", result.Error);
        Assert.Matches(@"(?m)^done in \d+:\d\d; \d+ files in ", result.Error);
        Assert.DoesNotContain('\r', result.Error);
        Assert.DoesNotContain('\u001b', result.Error);
        Assert.Contains("file\tloss.png\t", result.Out);
        foreach (var file in new[] { "config.json", "model.safetensors", "trainer.safetensors", "metrics.jsonl", "reconstructions.png", "loss.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing");
        using (var png = SKBitmap.Decode(Path.Combine(run, "reconstructions.png")))
            Assert.True(png.Width > 200 && png.Height > 100);
        var config = RunConfig.Load(run);
        Assert.Equal("autoencoder", config.Model);
        Assert.Equal(8, config.Options["codeSize"]!.GetValue<int>());
        var metrics = Trainer.ReadMetrics(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal(2, metrics.Count);
        Assert.True(metrics[1]["test.loss"] < 350, $"test BCE per image {metrics[1]["test.loss"]}");

        var evaluate = CliRunner.Run("evaluate", run);
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains("loss\t", evaluate.Out);
        double evaluated = double.Parse(evaluate.Out.Split('\n').First(l => l.StartsWith("loss\t")).Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(metrics[1]["test.loss"], evaluated, 3);

        var codes = dir.File("codes.csv");
        var encode = CliRunner.Run("encode", run, "--out", codes);
        Assert.True(encode.ExitCode == 0, encode.Error);
        var lines = File.ReadAllLines(codes);
        Assert.Equal(1001, lines.Length);
        Assert.Equal("code_0,code_1,code_2,code_3,code_4,code_5,code_6,code_7,label", lines[0]);
        Assert.Equal(9, lines[1].Split(',').Length);

        var grid = dir.File("grid.png");
        var reconstruct = CliRunner.Run("reconstruct", run, "--out", grid, "--count", "8");
        Assert.True(reconstruct.ExitCode == 0, reconstruct.Error);
        Assert.True(File.Exists(grid));

        // Without --out, each writes into the run folder, named after the split.
        var defaultCodes = CliRunner.Run("encode", run, "--split", "train");
        Assert.True(defaultCodes.ExitCode == 0, defaultCodes.Error);
        Assert.Equal(5001, File.ReadAllLines(Path.Combine(run, "codes-train.csv")).Length);
        var defaultGrid = CliRunner.Run("reconstruct", run, "--count", "4");
        Assert.True(defaultGrid.ExitCode == 0, defaultGrid.Error);
        Assert.Contains(Path.Combine(run, "reconstructions-test.png"), defaultGrid.Out);
        using (var png = SKBitmap.Decode(Path.Combine(run, "reconstructions-test.png")))
            Assert.True(png.Width > 50);
    }

    [Fact]
    public void Conv_autoencoder_trains_from_the_cli()
    {
        using var dir = TestData.TempDir();
        var result = CliRunner.Run("train", "conv-autoencoder", "--out", dir.File("run"), "--epochs", "1", "--channels", "8,16", "--code-size", "8", "--batch-size", "256");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("test.loss", result.Out);
    }

    [Theory]
    [InlineData("Unknown model 'nope'", "train", "nope")]
    [InlineData("Unknown option --bogus", "train", "autoencoder", "--bogus", "1")]
    [InlineData("--batch-size: 0 is out of range", "train", "autoencoder", "--batch-size", "0")]
    [InlineData("--learning-rate: -1 is not allowed", "train", "autoencoder", "--learning-rate", "-1")]
    [InlineData("--learning-rate: -0.5 is not allowed", "train", "autoencoder", "--lr", "-0.5")]
    [InlineData("--code-size: 'many' is not a valid integer", "train", "autoencoder", "--code-size", "many")]
    [InlineData("--hidden-sizes", "train", "autoencoder", "--hidden-sizes", "64,-3")]
    [InlineData("--activation: 'swish' is not one of", "train", "autoencoder", "--activation", "swish")]
    [InlineData("--epochs needs a value", "train", "autoencoder", "--epochs")]
    [InlineData("--device: 'tpu' is not a device", "train", "autoencoder", "--device", "tpu")]
    [InlineData("/nonexistent/data.csv", "train", "autoencoder", "--data", "/nonexistent/data.csv")]
    [InlineData("Unknown command 'fly'", "fly")]
    [InlineData("not a run folder", "evaluate", "/tmp")]
    public void Bad_input_gets_one_clear_line_exit_code_2_and_no_run_folder(string expected, params string[] args)
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var result = CliRunner.Run(args[0] == "train" ? [.. args, "--out", run] : args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("latent: ", result.Error);
        Assert.False(Directory.Exists(run), "a refused run must not leave a run folder");
    }

    [Fact]
    public void Corrupt_and_nan_data_files_are_refused_with_exit_code_2()
    {
        using var dir = TestData.TempDir();
        var csv = dir.File("bad.csv");
        File.WriteAllText(csv, "a,b\n1,2\n3,NaN\n");
        var result = CliRunner.Run("train", "autoencoder", "--data", csv, "--out", dir.File("run1"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3", result.Error);
        var idx = dir.File("images.idx");
        File.WriteAllBytes(idx, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]);
        result = CliRunner.Run("train", "autoencoder", "--data", idx, "--out", dir.File("run2"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("images.idx", result.Error);
        Assert.False(Directory.Exists(dir.File("run1")) || Directory.Exists(dir.File("run2")));
    }

    [Fact]
    public void An_existing_run_is_neither_overwritten_nor_resumed_by_accident()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        Assert.Equal(0, CliRunner.Run(["train", "autoencoder", "--out", run, .. Small]).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(run, "model.safetensors"));
        var again = CliRunner.Run(["train", "autoencoder", "--out", run, .. Small]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--resume", again.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "model.safetensors")));
        var badOverwrite = CliRunner.Run("train", "autoencoder", "--out", run, "--overwrite", "--code-size", "0");
        Assert.Equal(2, badOverwrite.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "model.safetensors")));
        var otherOptions = CliRunner.Run("train", "autoencoder", "--resume", "--out", run, "--code-size", "9");
        Assert.Equal(2, otherOptions.ExitCode);
        Assert.Contains("saved hyper-parameters", otherOptions.Error);
        // Without the model's name its options are unknown; the message says where they go.
        var unnamed = CliRunner.Run("train", "--resume", "--out", run, "--code-size", "9");
        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("put it after the model's name", unnamed.Error);
        var wrongModel = CliRunner.Run("train", "conv-autoencoder", "--resume", "--out", run);
        Assert.Equal(2, wrongModel.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "model.safetensors")));
    }

    [Fact]
    public void A_corrupted_model_file_is_refused_by_evaluate()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        Assert.Equal(0, CliRunner.Run(["train", "autoencoder", "--out", run, .. Small]).ExitCode);
        var model = Path.Combine(run, "model.safetensors");
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);
        var result = CliRunner.Run("evaluate", run);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("model.safetensors", result.Error);
    }

    [Fact]
    public void Interrupting_then_resuming_from_the_cli_matches_an_uninterrupted_run()
    {
        using var dir = TestData.TempDir();
        string[] options = ["--epochs", "2", "--hidden-sizes", "32", "--code-size", "4", "--batch-size", "500"];
        var full = CliRunner.Run(["train", "autoencoder", "--out", dir.File("full"), .. options]);
        Assert.Equal(0, full.ExitCode);

        // Interrupted once epoch 1 is reported, so the checkpoint holds real progress (a restart from
        // scratch with the same seed would give the same numbers and hide a resume that loads nothing).
        var interrupted = CliRunner.RunUntil("epoch 1/2", ["train", "autoencoder", "--out", dir.File("cut"), .. options]);
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("--resume", interrupted.Error);
        var metrics = Path.Combine(dir.File("cut"), "metrics.jsonl");
        var firstEpoch = File.ReadAllLines(metrics)[0];
        var resumed = CliRunner.Run("train", "--resume", "--out", dir.File("cut"));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(full.Out.Split('\n')[0], resumed.Out.Split('\n')[0]);   // "test.loss <value>"
        Assert.DoesNotContain("epoch 1/2", resumed.Out + resumed.Error);
        Assert.Equal(firstEpoch, File.ReadAllLines(metrics)[0]);   // epoch 1 (with its timing) was not trained again
    }
}
