using System.Globalization;
using SkiaSharp;

namespace LatentSharp.Tests.Cli;

public class FinetuneProbeCliTests
{
    static double Value(string output, string key) =>
        double.Parse(output.Split('\n').First(l => l.StartsWith(key + "\t", StringComparison.Ordinal)).Split('\t')[1], CultureInfo.InvariantCulture);

    [Fact]
    public void Stacked_autoencoder_trains_then_finetunes_and_probes_on_the_embedded_subset()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("sae");
        var train = CliRunner.Run("train", "stacked-autoencoder", "--out", run, "--layer-sizes", "32,8", "--epochs", "2", "--epochs-per-layer", "1", "--batch-size", "256", "--noise", "masking:0.2");
        Assert.True(train.ExitCode == 0, train.Error);
        using (var filters = SKBitmap.Decode(Path.Combine(run, "filters.png")))
            Assert.True(filters.Width > 100 && filters.Height > 50);

        var tuned = CliRunner.Run("finetune", run, "--labels-per-class", "10", "--epochs", "5", "--batch-size", "20", "--lr", "3e-3", "--out", dir.File("tuned"));
        Assert.True(tuned.ExitCode == 0, tuned.Error);
        Assert.Equal(100, Value(tuned.Out, "labels"));
        double tunedAccuracy = Value(tuned.Out, "test.accuracy");
        Assert.InRange(tunedAccuracy, 0.3, 1.0);   // chance is 0.1
        Assert.True(File.Exists(Path.Combine(dir.File("tuned"), "model.safetensors")));
        var evaluate = CliRunner.Run("evaluate", dir.File("tuned"));
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Equal(tunedAccuracy, Value(evaluate.Out, "accuracy"), 3);

        var scratch = CliRunner.Run("finetune", run, "--labels-per-class", "10", "--epochs", "5", "--batch-size", "20", "--lr", "3e-3", "--from-scratch", "--out", dir.File("scratch"));
        Assert.True(scratch.ExitCode == 0, scratch.Error);
        Assert.Contains("start\trandom", scratch.Out);
        Assert.NotEqual(tunedAccuracy, Value(scratch.Out, "test.accuracy"));

        var probe = CliRunner.Run("probe", run, "--probe-epochs", "3");
        Assert.True(probe.ExitCode == 0, probe.Error);
        var codes = probe.Out.Split('\n').First(l => l.StartsWith("codes\t")).Split('\t');
        var pixels = probe.Out.Split('\n').First(l => l.StartsWith("pixels\t")).Split('\t');
        Assert.Equal("8", codes[1]);
        Assert.Equal("784", pixels[1]);
        Assert.InRange(double.Parse(pixels[2], CultureInfo.InvariantCulture), 0.6, 1.0);   // linear probe on pixels
        Assert.InRange(double.Parse(pixels[3], CultureInfo.InvariantCulture), 0.6, 1.0);   // k-NN on pixels
        Assert.InRange(double.Parse(codes[3], CultureInfo.InvariantCulture), 0.3, 1.0);
    }

    [Fact]
    public void A_two_dimensional_code_gets_a_latent_scatter_and_bad_inputs_exit_with_code_2()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("ae");
        Assert.Equal(0, CliRunner.Run("train", "autoencoder", "--out", run, "--hidden-sizes", "16", "--code-size", "2", "--epochs", "1", "--batch-size", "512").ExitCode);
        Assert.True(File.Exists(Path.Combine(run, "latent.png")));
        Assert.True(File.Exists(Path.Combine(run, "filters.png")));

        var zero = CliRunner.Run("finetune", run, "--labels-per-class", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--labels-per-class", zero.Error);
        Assert.Equal(2, CliRunner.Run("finetune", run).ExitCode);
        var tooMany = CliRunner.Run("finetune", run, "--labels-per-class", "100000", "--out", dir.File("x"));
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("only", tooMany.Error);

        // 784 columns without a label column: the data has no labels.
        var csv = dir.File("unlabelled.csv");
        File.WriteAllLines(csv, Enumerable.Range(0, 6).Select(r => string.Join(",", Enumerable.Range(0, 784).Select(c => ((r + c) % 7 / 7.0).ToString(CultureInfo.InvariantCulture)))));
        foreach (var command in new[] { "finetune", "probe" })
        {
            string[] extra = command == "finetune" ? ["--labels-per-class", "1", "--out", dir.File("y")] : [];
            var result = CliRunner.Run([command, run, "--data", csv, .. extra]);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("has no labels", result.Error);
        }
        var conv = dir.File("conv");
        Assert.Equal(0, CliRunner.Run("train", "conv-autoencoder", "--out", conv, "--channels", "4", "--code-size", "4", "--epochs", "1", "--batch-size", "512").ExitCode);
        var notDense = CliRunner.Run("finetune", conv, "--labels-per-class", "5");
        Assert.Equal(2, notDense.ExitCode);
        Assert.Contains("no dense encoder", notDense.Error);
        Assert.Contains("--metric", CliRunner.Run("probe", run, "--metric", "manhattan").Error);
    }

    [Fact]
    public void A_resumed_finetune_matches_an_uninterrupted_one_and_only_a_finetune_run_resumes()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("ae");
        Assert.Equal(0, CliRunner.Run("train", "autoencoder", "--out", run, "--hidden-sizes", "32", "--code-size", "8", "--epochs", "1", "--batch-size", "512").ExitCode);
        string[] options = ["--labels-per-class", "10", "--batch-size", "20", "--lr", "3e-3", "--seed", "4"];
        var full = CliRunner.Run(["finetune", run, "--epochs", "3", "--out", dir.File("full"), .. options]);
        Assert.True(full.ExitCode == 0, full.Error);

        // Stopped after one epoch, then continued to three.
        Assert.Equal(0, CliRunner.Run(["finetune", run, "--epochs", "1", "--out", dir.File("part"), .. options]).ExitCode);
        var continued = CliRunner.Run("finetune", dir.File("part"), "--resume", "--epochs", "3");
        Assert.True(continued.ExitCode == 0, continued.Error);
        // Interrupted once epoch 1 is reported, then resumed (the pretrained run named with --out). The
        // checkpoint holds real progress, so a resume that silently restarted would retrain epoch 1.
        var interrupted = CliRunner.RunUntil("epoch 1/3", ["finetune", run, "--epochs", "3", "--out", dir.File("cut"), .. options]);
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains($"latent finetune {dir.File("cut")} --resume", interrupted.Error);
        var firstEpoch = File.ReadAllLines(Path.Combine(dir.File("cut"), "metrics.jsonl"))[0];
        var resumed = CliRunner.Run("finetune", run, "--resume", "--out", dir.File("cut"));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.DoesNotContain("epoch 1/3", resumed.Out + resumed.Error);
        Assert.Equal(firstEpoch, File.ReadAllLines(Path.Combine(dir.File("cut"), "metrics.jsonl"))[0]);

        var weights = File.ReadAllBytes(Path.Combine(dir.File("full"), "model.safetensors"));
        foreach (var (result, folder) in new[] { (continued, "part"), (resumed, "cut") })
        {
            Assert.Equal(Value(full.Out, "test.loss"), Value(result.Out, "test.loss"));
            Assert.Equal(Value(full.Out, "test.accuracy"), Value(result.Out, "test.accuracy"));
            Assert.Equal(100, Value(result.Out, "labels"));
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(dir.File(folder), "model.safetensors")));
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir.File(folder), "metrics.jsonl")).Length);
        }

        var notFinetune = CliRunner.Run("finetune", run, "--resume");
        Assert.Equal(2, notFinetune.ExitCode);
        Assert.Contains("not a fine-tuning run", notFinetune.Error);
        var notTrain = CliRunner.Run("train", "--resume", "--out", dir.File("full"));
        Assert.Equal(2, notTrain.ExitCode);
        Assert.Contains("latent finetune", notTrain.Error);
        var otherLabels = CliRunner.Run("finetune", dir.File("full"), "--resume", "--labels-per-class", "20");
        Assert.Equal(2, otherLabels.ExitCode);
        Assert.Contains("--labels-per-class", otherLabels.Error);
        var otherSeed = CliRunner.Run("finetune", dir.File("full"), "--resume", "--seed", "5");
        Assert.Equal(2, otherSeed.ExitCode);
        Assert.Contains("--seed", otherSeed.Error);
        var otherStart = CliRunner.Run("finetune", dir.File("part"), "--resume", "--out", dir.File("full"));
        Assert.Equal(2, otherStart.ExitCode);
        Assert.Contains("fine-tuned from", otherStart.Error);
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(dir.File("full"), "model.safetensors")));
    }
}
