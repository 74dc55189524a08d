using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Commands;
using LatentSharp.Tests.Training;
using SkiaSharp;

namespace LatentSharp.Tests.Cli;

public sealed class DenoiseCommandTests : IClassFixture<DenoiseCommandTests.TrainedRun>
{
    /// <summary>One tiny denoising autoencoder (preset masking:0.3) trained on the embedded subset, shared by the tests.</summary>
    public sealed class TrainedRun : IDisposable
    {
        readonly TestData.TempDirectory _dir = TestData.TempDir();

        public TrainedRun()
        {
            Path = _dir.File("dae");
            var result = CliRunner.Run("train", "denoising-autoencoder", "--out", Path, "--epochs", "2", "--hidden-sizes", "128",
                "--code-size", "32", "--batch-size", "64", "--seed", "3");
            if (result.ExitCode != 0) throw new InvalidOperationException(result.Error);
        }

        public string Path { get; }
        public string File(string name) => _dir.File(name);
        public void Dispose() => _dir.Dispose();
    }

    readonly TrainedRun _run;

    public DenoiseCommandTests(TrainedRun run) => _run = run;

    static double Psnr(string output, string key) =>
        double.Parse(output.Split('\n').First(l => l.StartsWith(key + "\t")).Split('\t')[1].Replace(" dB", ""), CultureInfo.InvariantCulture);

    [Fact]
    public void Denoise_draws_noisy_denoised_and_clean_rows_and_the_model_raises_psnr()
    {
        var grid = _run.File("grid.png");
        var result = CliRunner.Run("denoise", _run.Path, "--noise", "masking:0.5", "--out", grid, "--count", "12", "--seed", "5");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("data\tfashion-mnist-small/test\t1000 images", result.Out);
        Assert.Contains("noise\tmasking:0.5\tseed 5", result.Out);
        double noisy = Psnr(result.Out, "psnr.noisy"), denoised = Psnr(result.Out, "psnr.denoised");
        Assert.InRange(noisy, 5, 20);
        Assert.True(denoised > noisy + 2, $"denoised {denoised} dB vs noisy {noisy} dB");

        // 12 images in 10 columns: two blocks of three rows; 5 images: one block.
        var small = _run.File("small.png");
        Assert.Equal(0, CliRunner.Run("denoise", _run.Path, "--noise", "masking:0.5", "--out", small, "--count", "5", "--seed", "5").ExitCode);
        using var big = SKBitmap.Decode(grid);
        using var one = SKBitmap.Decode(small);
        Assert.True(big.Height > 1.6 * one.Height - 40, $"{big.Height} vs {one.Height}");
        Assert.True(one.Height > 3 * 28 * 2, "three rows of 28-pixel images at scale 2");
    }

    [Fact]
    public void The_seed_fixes_the_noise_and_psnr_covers_the_whole_split()
    {
        string[] common = ["denoise", _run.Path, "--noise", "gaussian:0.3+blocks:6", "--out", _run.File("g.png")];
        var a = CliRunner.Run([.. common, "--seed", "7", "--count", "3"]);
        var b = CliRunner.Run([.. common, "--seed", "7", "--count", "20"]);
        var c = CliRunner.Run([.. common, "--seed", "8"]);
        var train = CliRunner.Run([.. common, "--seed", "7", "--split", "train"]);
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0 && c.ExitCode == 0 && train.ExitCode == 0, a.Error + b.Error + c.Error + train.Error);
        Assert.Equal(Psnr(a.Out, "psnr.noisy"), Psnr(b.Out, "psnr.noisy"));   // --count changes the picture only
        Assert.Equal(Psnr(a.Out, "psnr.denoised"), Psnr(b.Out, "psnr.denoised"));
        Assert.NotEqual(Psnr(a.Out, "psnr.noisy"), Psnr(c.Out, "psnr.noisy"));
        Assert.Contains("5000 images", train.Out);
    }

    [Theory]
    [InlineData("--noise: Unknown noise kind 'fog'", "--noise", "fog:0.3")]
    [InlineData("--noise: 'masking:1.5': The level of masking", "--noise", "masking:1.5")]
    [InlineData("--noise: 'gaussian' has no level", "--noise", "gaussian")]
    [InlineData("--noise <spec> is required", "--count", "3")]
    [InlineData("blocks:40: a 40×40 square does not fit in 28×28 images", "--noise", "blocks:40")]
    [InlineData("--split: 'dev' is not a split", "--noise", "masking:0.2", "--split", "dev")]
    [InlineData("--count: 0 is out of range", "--noise", "masking:0.2", "--count", "0")]
    [InlineData("Unknown option --sigma", "--noise", "masking:0.2", "--sigma", "3")]
    public void Bad_input_is_refused_with_exit_code_2_naming_the_problem(string expected, params string[] options)
    {
        var grid = _run.File($"bad-{Guid.NewGuid():N}.png");
        var result = CliRunner.Run(["denoise", _run.Path, "--out", grid, .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("latent: ", result.Error);
        Assert.Contains(expected, result.Error);
        Assert.False(File.Exists(grid));
    }

    [Theory]
    [InlineData("fog", "--noise", "fog:0.2")]
    [InlineData("does not fit in 28×28 images", "--noise", "blocks:29")]
    [InlineData("must be in (0, 1)", "--noise", "masking:1")]
    public void Training_with_a_bad_noise_is_refused_naming_the_option(string expected, params string[] options)
    {
        var run = _run.File($"refused-{Guid.NewGuid():N}");
        var result = CliRunner.Run(["train", "autoencoder", "--out", run, "--epochs", "1", .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("noise", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, result.Error);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void A_missing_run_and_a_model_that_cannot_reconstruct_are_refused()
    {
        var missing = CliRunner.Run("denoise", _run.File("nope"), "--noise", "masking:0.2", "--out", _run.File("x.png"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such run folder", missing.Error);
        using var notAReconstructor = new ScriptedModel(_ => 1.0);
        var e = Assert.Throws<UsageException>(() => DenoiseCommand.Reconstructor(notAReconstructor));
        Assert.Equal("'scripted' cannot reconstruct its input, so it cannot denoise.", e.Message);
    }

    [Fact]
    public void Help_states_the_psnr_definition_and_the_noise_kinds()
    {
        var help = CliRunner.Run("denoise", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("10·log10(1/MSE)", help.Out);
        Assert.Contains("clipped to [0, 1]", help.Out);
        Assert.Contains("salt-and-pepper", help.Out);
        Assert.Contains("denoise", CliRunner.Run("--help").Out);
    }
}
