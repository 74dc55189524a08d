using System.Text.Json.Nodes;
using LatentSharp.Data;
using LatentSharp.Reporting;
using LatentSharp.Tests.Models;
using LatentSharp.Tests.Reporting;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;
using LatentSharp.Zoo;

namespace LatentSharp.Tests.Zoo;

/// <summary>
/// The zoo on the embedded 5k subset with a budget of seconds: the page lists each selected family with its
/// figures, only the selected families are trained, a second run keeps finished families untouched, and an
/// interrupted family is finished by the next run.
/// </summary>
public sealed class ZooRunnerTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A budget of seconds a family on the embedded subset (also the zoo's browser test's).</summary>
    internal static readonly ZooBudget Budget = new("test", "1 epoch on 200 images",
        new ZooFamilyBudget(Epochs: 1, TrainingSamples: 200, TestSamples: 100, BatchSize: 50, ImportanceSamples: 2, GeneratedSamples: 50),
        new Dictionary<string, ZooFamilyBudget> { ["classifier"] = new(1, 1, 1, SkipReason: ZooBudget.NeedsPretrainedRun) });

    ZooOptions Options(params string[] families) =>
        new() { OutDirectory = _dir.File("zoo"), Families = families, Data = DataSources.FashionMnistSmall, Budget = Budget };

    // Two epochs, so an interruption in the second finds the first's checkpoint.
    ZooOptions TwoEpochs(params string[] families) =>
        Options(families) with { Budget = Budget with { Default = Budget.Default with { Epochs = 2 } } };

    sealed class Recorder : IProgress<ZooProgress>
    {
        public List<ZooProgress> Reports { get; } = [];
        public Action<ZooProgress>? OnReport { get; init; }
        public void Report(ZooProgress value) { Reports.Add(value); OnReport?.Invoke(value); }
    }

    [Fact]
    public void ThePage_ListsEachSelectedFamily_WithItsFigures_AndOnlyThoseAreTrained()
    {
        var progress = new Recorder();
        var zoo = ZooRunner.Run(Options("kmeans", "vae", "classifier"), progress);

        Assert.Equal(["classifier", "kmeans", "vae"], zoo.Families.Select(f => f.Family).Order());
        Assert.Equal(ZooFamilyResult.Skipped, zoo.Families.Single(f => f.Family == "classifier").Status);
        Assert.All(zoo.Families.Where(f => f.Family != "classifier"), f => Assert.Equal(ZooFamilyResult.Done, f.Status));
        Assert.Equal(["kmeans", "vae", "zoo.html", "zoo.json"], Directory.EnumerateFileSystemEntries(_dir.File("zoo")).Select(Path.GetFileName).Order());

        var page = File.ReadAllText(zoo.PagePath);
        var runRows = RunReportTests.Rows(page, "run-table");
        Assert.Contains(runRows, r => r.Contains(">kmeans<"));
        Assert.Contains(runRows, r => r.Contains(">vae<"));
        Assert.Contains("classifier: skipped", page);
        var rows = RunReportTests.Rows(page, "comparison-table");
        Assert.Contains(rows, r => r.Contains(ZooReport.TrainingSecondsMetric));
        Assert.Contains(rows, r => r.Contains(ZooReport.SamplesPerSecondMetric));
        Assert.Contains(rows, r => r.Contains("<code>probe</code>"));          // encoders: both
        Assert.Contains(rows, r => r.Contains("<code>knn</code>"));
        Assert.Contains(rows, r => r.Contains("<code>iwae</code>"));           // the VAE's bound
        Assert.Contains(rows, r => r.Contains("<code>reconstruction</code>"));
        Assert.Contains(rows, r => r.Contains("<code>mmd</code>"));            // the VAE samples

        var vae = zoo.Families.Single(f => f.Family == "vae");
        Assert.Contains("iwae:k=2", vae.Estimators);
        Assert.True(vae.TrainingSeconds > 0 && vae.SamplesPerSecond > 0);
        Assert.DoesNotContain(zoo.Families.Single(f => f.Family == "kmeans").Estimators, s => s.StartsWith("iwae", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(zoo.Options.OutDirectory, "vae", RunReport.FileName)));

        var json = JsonNode.Parse(File.ReadAllText(zoo.JsonPath))!;
        Assert.Equal("test", (string?)json["budget"]);
        Assert.Equal(3, json["families"]!.AsArray().Count);
        Assert.Contains(progress.Reports, r => r.Family == "vae" && r.Stage == "done");
    }

    [Fact]
    public void ASecondRun_KeepsFinishedFamiliesUntouched()
    {
        ZooRunner.Run(Options("kmeans", "autoencoder"));
        var files = Directory.GetFiles(_dir.File("zoo"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f) != _dir.File("zoo"))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var progress = new Recorder();
        var again = ZooRunner.Run(Options("kmeans", "autoencoder"), progress);

        Assert.All(again.Families, f => Assert.Equal(ZooFamilyResult.Done, f.Status));
        Assert.DoesNotContain(progress.Reports, r => r.Training is not null);
        Assert.Equal(2, progress.Reports.Count(r => r.Message.Contains("already finished")));
        foreach (var (file, written) in files) Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Contains(">autoencoder<", File.ReadAllText(again.PagePath));
    }

    [Fact]
    public void AnInterruptedFamily_IsFinishedByTheNextRun()
    {
        using var cancel = new CancellationTokenSource();
        var stopInAutoencoder = new Recorder { OnReport = r => { if (r.Family == "autoencoder" && r.Training is { Epoch: 1, BatchInEpoch: >= 1 }) cancel.Cancel(); } };
        var first = ZooRunner.Run(TwoEpochs("kmeans", "autoencoder"), stopInAutoencoder, cancel.Token);

        Assert.True(first.Interrupted);
        Assert.Equal(ZooFamilyResult.Interrupted, first.Families.Single(f => f.Family == "autoencoder").Status);
        Assert.False(File.Exists(Path.Combine(first.Options.OutDirectory, "autoencoder", ZooFamilyResult.FileName)));
        Assert.True(File.Exists(first.PagePath));   // the page of what finished

        var progress = new Recorder();
        var second = ZooRunner.Run(TwoEpochs("kmeans", "autoencoder"), progress);
        Assert.False(second.Interrupted);
        Assert.All(second.Families, f => Assert.Equal(ZooFamilyResult.Done, f.Status));
        Assert.Contains(progress.Reports, r => r.Family == "autoencoder" && r.Stage == "resume");
        Assert.DoesNotContain(progress.Reports, r => r.Family == "autoencoder" && r.Training is { Epoch: 0 });   // epoch 1 is not trained again
        Assert.Equal(2, MetricsFile.Read(Path.Combine(second.Options.OutDirectory, "autoencoder", MetricsFile.FileName)).Count);
    }

    [Fact]
    public void AFamilyInterruptedBeforeItsFirstCheckpoint_IsRestartedCleanly()
    {
        using var cancel = new CancellationTokenSource();
        var stopEarly = new Recorder { OnReport = r => { if (r.Training is { Step: >= 1 }) cancel.Cancel(); } };
        var first = ZooRunner.Run(Options("autoencoder"), stopEarly, cancel.Token);
        Assert.Equal(ZooFamilyResult.Interrupted, first.Families.Single().Status);

        var progress = new Recorder();
        var second = ZooRunner.Run(Options("autoencoder"), progress);
        Assert.Equal(ZooFamilyResult.Done, second.Families.Single().Status);
        Assert.Contains(progress.Reports, r => r.Stage is "train" or "restart");
        Assert.Single(MetricsFile.Read(Path.Combine(second.Options.OutDirectory, "autoencoder", MetricsFile.FileName)));
    }

    [Fact]
    public void AFamilyThatDivergesAfterItsFirstCheckpoint_IsRecordedFailed_AndItsFolderKeepsAReportShowingTheFailure()
    {
        TestGenerator.EnsureRegistered();
        ZooResult zoo;
        // 200 training images in batches of 50: 4 steps an epoch, so step 6 is in the second epoch.
        using (TestGenerator.DivergingFromStep(6)) zoo = ZooRunner.Run(TwoEpochs(TestGenerator.ModelName, "kmeans"));

        var failed = zoo.Families.Single(f => f.Family == TestGenerator.ModelName);
        Assert.Equal(ZooFamilyResult.Failed, failed.Status);
        Assert.Contains("Training diverged at epoch 2", failed.Reason);
        Assert.Equal(ZooFamilyResult.Done, zoo.Families.Single(f => f.Family == "kmeans").Status);   // the zoo went on
        var folder = Path.Combine(zoo.Options.OutDirectory, TestGenerator.ModelName);
        Assert.True(File.Exists(Trainer.CheckpointPath(folder)));
        var report = File.ReadAllText(Path.Combine(folder, RunReport.FileName));
        Assert.Contains("Training failed: diverged</strong> at epoch 2", report);
        Assert.Contains($"{RunReport.FileName} shows the failure", File.ReadAllText(zoo.PagePath));
    }

    [Fact]
    public void AFamilyThatDivergesBeforeAnyCheckpoint_LeavesNoFolder()
    {
        TestGenerator.EnsureRegistered();
        ZooResult zoo;
        using (TestGenerator.DivergingFromStep(2)) zoo = ZooRunner.Run(Options(TestGenerator.ModelName));

        Assert.Equal(ZooFamilyResult.Failed, zoo.Families.Single().Status);
        Assert.False(Directory.Exists(Path.Combine(zoo.Options.OutDirectory, TestGenerator.ModelName)));
        Assert.DoesNotContain("shows the failure", File.ReadAllText(zoo.PagePath));
    }

    [Fact]
    public void BudgetsAreData_AndEveryCatalogueFamilyHasOne()
    {
        foreach (var family in ZooRunner.Families) Assert.NotNull(ZooBudget.Small.For(family));
        Assert.NotNull(ZooBudget.Small.For("classifier").SkipReason);
        Assert.Throws<LatentSharp.Models.UnknownModelException>(() => ZooRunner.Select(["autoencodr"]));
        Assert.Throws<ArgumentException>(() => ZooBudget.Get("huge"));
    }
}
