using LatentSharp.Reporting;
using LatentSharp.Tests.Models;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;

namespace LatentSharp.Tests.Cli;

/// <summary>
/// A run that diverges after its first checkpoint keeps that checkpoint and gets a report.html showing the
/// failure, while the divergence stays the error (exit 1, named on stderr); one that diverges before any
/// checkpoint leaves no folder, so no report either. The divergence is planted in the test generator.
/// </summary>
public sealed class DivergedRunCliTests : IDisposable
{
    // fashion-mnist-small has 5,000 training images: 5 steps an epoch at this batch size.
    const string BatchSize = "1000";
    const int StepsPerEpoch = 5;

    readonly TemporaryDirectory _dir = new();

    public DivergedRunCliTests() => TestGenerator.EnsureRegistered();

    public void Dispose() => _dir.Dispose();

    CliRunner.Result Train(string run, long divergeFromStep, params string[] more)
    {
        using var _ = TestGenerator.DivergingFromStep(divergeFromStep);
        return CliRunner.Run(["train", TestGenerator.ModelName, "--batch-size", BatchSize, "--out", run, .. more]);
    }

    static string ReportOf(string run)
    {
        var path = Path.Combine(run, RunReport.FileName);
        Assert.True(File.Exists(path), $"no {RunReport.FileName} in {run}");
        return File.ReadAllText(path);
    }

    [Fact]
    public void A_run_that_diverges_after_its_first_checkpoint_keeps_it_and_its_report_shows_the_failure()
    {
        var run = _dir.File("run");
        var result = Train(run, divergeFromStep: StepsPerEpoch + 2, "--epochs", "3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("latent: Training diverged at epoch 2", result.Error);           // the original error, not hidden
        Assert.Contains($"recorded in {RunFailure.PathIn(Path.GetFullPath(run))}", result.Error);
        Assert.Contains($"The run's report shows the failure: {Path.Combine(Path.GetFullPath(run), RunReport.FileName)}", result.Error);
        Assert.True(File.Exists(Trainer.CheckpointPath(run)));
        Assert.Equal(1, RunFailure.Read(run)!.EpochsKept);

        var html = ReportOf(run);
        Assert.Contains("Training failed: diverged</strong> at epoch 2", html);
        Assert.Contains("failed (diverged) in epoch 2; 1 finished epoch(s) kept", html);
        Assert.Contains(RunManifest.Read(run), f => f.Name == RunReport.FileName);
    }

    [Fact]
    public void A_resumed_run_that_diverges_before_its_next_checkpoint_keeps_the_earlier_one_and_reports_the_failure()
    {
        var run = _dir.File("run");
        var first = CliRunner.Run("train", TestGenerator.ModelName, "--batch-size", BatchSize, "--epochs", "1", "--out", run);
        Assert.True(first.ExitCode == 0, first.Error);

        var resumed = Train(run, divergeFromStep: StepsPerEpoch + 2, "--resume", "--epochs", "2");

        Assert.Equal(1, resumed.ExitCode);
        Assert.Contains("latent: Training diverged at epoch 2", resumed.Error);
        Assert.DoesNotContain("keeps nothing", resumed.Error);
        Assert.True(File.Exists(Trainer.CheckpointPath(run)));
        Assert.Contains("Training failed: diverged</strong> at epoch 2", ReportOf(run));
    }

    [Fact]
    public void A_run_that_diverges_before_any_checkpoint_leaves_no_folder_and_no_report()
    {
        var run = _dir.File("run");
        var result = Train(run, divergeFromStep: 2, "--epochs", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("latent: Training diverged at epoch 1", result.Error);
        Assert.Contains("keeps nothing of this run", result.Error);
        Assert.False(Directory.Exists(run));
    }
}
