using System.Globalization;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Reporting;
using LatentSharp.Tests.Reporting;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;

namespace LatentSharp.Tests.Cli;

/// <summary><c>train</c> and <c>evaluate</c> keep report.html current; <c>latent report</c> rebuilds it; <c>latent compare</c> prints and writes the comparison.</summary>
public sealed class ReportCliTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    static string G6(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    string Train()
    {
        var run = _dir.File("kmeans-run");
        var result = CliRunner.Run("train", "kmeans", "--data", SampleCliTests.WriteImagesCsv(_dir), "--clusters", "3", "--epochs", "2", "--out", run);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"file\t{RunReport.FileName}\t", result.Out);
        return run;
    }

    [Fact]
    public void Train_WritesTheReport_WithTheLastEpochsFigures_AndEvaluateAddsItsResults()
    {
        var run = Train();
        var report = Path.Combine(run, RunReport.FileName);
        var last = MetricsFile.Read(Path.Combine(run, MetricsFile.FileName))[^1];
        var rows = RunReportTests.Rows(File.ReadAllText(report), "figure-table");
        Assert.Contains(rows, r => r.Contains(">loss<") && r.Contains(">train<") && r.Contains($">{G6(last["train.loss"])}<"));
        Assert.Contains(RunManifest.Read(run), f => f.Name == RunReport.FileName);

        var evaluate = CliRunner.Run("evaluate", run, "--estimator", "loss", "--split", "train");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains($"updated {report}", evaluate.Out);
        var loss = EvaluationFile.Read(run).Entries.Single().Values.Single(v => v.Metric == "loss");
        Assert.Contains(RunReportTests.Rows(File.ReadAllText(report), "figure-table"),
            r => r.Contains(">loss<") && r.Contains($">{G6(loss.Value)}<") && r.Contains("<code>loss</code>") && r.Contains("kind-proxy"));
    }

    [Fact]
    public void Report_RebuildsTheRunsReport_AndOutWritesElsewhereLeavingTheRunAlone()
    {
        var run = new HandMadeRun(_dir.File("run")).Epoch(new Dictionary<string, double> { ["train.loss"] = 4.5 }).Write();
        var elsewhere = _dir.File("copy.html");

        var other = CliRunner.Run("report", run, "--out", elsewhere);
        Assert.True(other.ExitCode == 0, other.Error);
        Assert.Equal($"wrote {elsewhere}", other.Out.Trim());
        Assert.Contains(">4.5<", File.ReadAllText(elsewhere));
        Assert.False(File.Exists(Path.Combine(run, RunReport.FileName)), "--out leaves the run folder untouched");

        var own = CliRunner.Run("report", run);
        Assert.True(own.ExitCode == 0, own.Error);
        Assert.Equal(File.ReadAllText(elsewhere), File.ReadAllText(Path.Combine(run, RunReport.FileName)));
        Assert.Contains(RunManifest.Read(run), f => f.Name == RunReport.FileName);
    }

    [Fact]
    public void Report_RefusesAMissingRun_AFolderThatIsNoRun_AndABadOut_InOneLine()
    {
        var missing = CliRunner.Run("report", _dir.File("nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith($"latent: {_dir.File("nope")}: no such run folder.", missing.Error);
        Directory.CreateDirectory(_dir.File("empty"));
        var empty = CliRunner.Run("report", _dir.File("empty"));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("is not a run folder", empty.Error);
        var run = new HandMadeRun(_dir.File("run")).Write();
        var badOut = CliRunner.Run("report", run, "--out", _dir.Path);
        Assert.Equal(2, badOut.ExitCode);
        Assert.StartsWith("latent: --out:", badOut.Error);
    }

    [Fact]
    public void Compare_PrintsOneTable_AndWritesThePage_WithUncomparableLinesMarked()
    {
        var a = new HandMadeRun(_dir.File("a")) { Data = "fashion-mnist" }.Epoch(new Dictionary<string, double> { ["test.loss"] = 12.5 }, MetricKind.Bound).Write();
        var b = new HandMadeRun(_dir.File("b")) { Data = "fashion-mnist-small" }.Epoch(new Dictionary<string, double> { ["test.loss"] = 11.75 }, MetricKind.Bound).Write();
        var page = _dir.File("compare.html");

        var result = CliRunner.Run("compare", a, b, "--out", page);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"\nloss\s+test\s+training\s+12\.5 bound\s+11\.75 bound\s+!1\n", result.Out);
        Assert.Contains("!1 loss test (training): data differ: [1] fashion-mnist/test; [2] fashion-mnist-small/test", result.Out);
        Assert.Contains($"wrote {page}", result.Out);
        Assert.Contains("not comparable</span> data differ", File.ReadAllText(page));
    }

    [Fact]
    public void Compare_NeedsTwoRuns_AndRefusesAFolderThatIsNoRun()
    {
        var a = new HandMadeRun(_dir.File("a")).Write();
        var one = CliRunner.Run("compare", a);
        Assert.Equal(2, one.ExitCode);
        Assert.StartsWith("latent: compare needs at least two run folders; 1 given.", one.Error);
        var missing = CliRunner.Run("compare", a, _dir.File("nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such run folder", missing.Error);
    }
}
