using System.Text.Json.Nodes;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Reporting;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;

namespace LatentSharp.Tests.Reporting;

/// <summary>latent compare's logic: like figures aligned by metric, split and estimator; unlike ones flagged, never silently aligned.</summary>
public sealed class RunComparisonTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    static Dictionary<string, double> Losses(double train, double test) => new() { ["train.loss"] = train, ["test.loss"] = test };

    static ComparisonRow Row(RunComparison comparison, string metric, string split, string? source = null) =>
        comparison.Rows.Single(r => r.Metric == metric && r.Split == split && (source is null || r.Source == source));

    [Fact]
    public void MatchingRuns_AreAlignedByMetricSplitAndEstimator_WithoutFlags()
    {
        var a = new HandMadeRun(_dir.File("a")).Epoch(Losses(10, 11), MetricKind.Bound).Epoch(Losses(8, 9), MetricKind.Bound)
            .Evaluation("knn", HandMadeRun.Settings(("k", "5")), "fashion-mnist/test", 10000, new MetricValue("knn.accuracy", 0.75, MetricKind.Exact))
            .Write();
        var b = new HandMadeRun(_dir.File("b")).Epoch(new Dictionary<string, double> { ["train.loss"] = 7, ["test.loss"] = 7.5, ["test.kl"] = 3 }, MetricKind.Bound)
            .Evaluation("knn", HandMadeRun.Settings(("k", "5")), "fashion-mnist/test", 10000, new MetricValue("knn.accuracy", 0.5, MetricKind.Exact))
            .Write();

        var comparison = RunComparison.Of([a, b]);

        var testLoss = Row(comparison, "loss", "test");
        Assert.Equal([9.0, 7.5], testLoss.Figures.Select(f => f!.Value));
        Assert.Empty(testLoss.Flags);
        Assert.Equal([8.0, 7.0], Row(comparison, "loss", "train").Figures.Select(f => f!.Value));
        var knn = Row(comparison, "knn.accuracy", "test");
        Assert.Equal("knn", knn.Source);
        Assert.Equal([0.75, 0.5], knn.Figures.Select(f => f!.Value));
        Assert.True(knn.Comparable);
        // A figure only one run has: an empty cell, nothing to flag.
        var kl = Row(comparison, "kl", "test");
        Assert.Null(kl.Figures[0]);
        Assert.Equal(3, kl.Figures[1]!.Value);
        Assert.True(kl.Comparable);
        Assert.Equal(4, comparison.Rows.Count);
    }

    [Fact]
    public void DifferentDataSources_AreFlagged_OnTrainingFiguresAndEstimates()
    {
        var a = new HandMadeRun(_dir.File("a")) { Data = "fashion-mnist" }.Epoch(Losses(1, 2), MetricKind.Bound)
            .Evaluation("knn", HandMadeRun.Settings(("k", "5")), "fashion-mnist/test", 10000, new MetricValue("knn.accuracy", 0.8, MetricKind.Exact)).Write();
        var b = new HandMadeRun(_dir.File("b")) { Data = "fashion-mnist-small" }.Epoch(Losses(1, 2), MetricKind.Bound)
            .Evaluation("knn", HandMadeRun.Settings(("k", "5")), "fashion-mnist-small/test", 1000, new MetricValue("knn.accuracy", 0.7, MetricKind.Exact)).Write();

        var comparison = RunComparison.Of([a, b]);

        var flag = Assert.Single(Row(comparison, "loss", "test").Flags);
        Assert.Equal("data differ: [1] fashion-mnist/test; [2] fashion-mnist-small/test", flag);
        var knnFlags = Row(comparison, "knn.accuracy", "test").Flags;
        Assert.Contains("data differ: [1] fashion-mnist/test; [2] fashion-mnist-small/test", knnFlags);
        Assert.Contains("sample counts differ: [1] 10000; [2] 1000", knnFlags);
    }

    [Fact]
    public void ADifferentHeldOutFraction_IsADifferentTrainingSet()
    {
        var a = new HandMadeRun(_dir.File("a")).Epoch(new Dictionary<string, double> { ["train.loss"] = 1 }, MetricKind.Bound).Write();
        var b = new HandMadeRun(_dir.File("b")).Epoch(new Dictionary<string, double> { ["train.loss"] = 1 }, MetricKind.Bound).Write();
        var config = RunConfig.Load(b);
        (config with { ValidationFraction = 0.1 }).Save(b);

        var flag = Assert.Single(Row(RunComparison.Of([a, b]), "loss", "train").Flags);
        Assert.Equal("data differ: [1] fashion-mnist/train; [2] fashion-mnist/train, 0.1 held out for validation", flag);
    }

    [Fact]
    public void Binarisation_IsFlagged()
    {
        var a = new HandMadeRun(_dir.File("a")) { Options = new JsonObject { ["binarize"] = true } }.Epoch(Losses(1, 2), MetricKind.Bound)
            .Evaluation("iwae", HandMadeRun.Settings(("k", "100")), "fashion-mnist/test", 10000, new MetricValue("iwae.log_likelihood", -90, MetricKind.Bound, 0.5)).Write();
        var b = new HandMadeRun(_dir.File("b")) { Options = new JsonObject { ["binarize"] = false } }.Epoch(Losses(1, 2), MetricKind.Bound)
            .Evaluation("iwae", HandMadeRun.Settings(("k", "100")), "fashion-mnist/test", 10000, new MetricValue("iwae.log_likelihood", -240, MetricKind.Bound, 0.5)).Write();

        var comparison = RunComparison.Of([a, b]);

        Assert.Equal("binarisation settings differ: [1] binarised; [2] not binarised", Assert.Single(Row(comparison, "iwae.log_likelihood", "test").Flags));
        Assert.All(comparison.Rows, row => Assert.False(row.Comparable));
    }

    [Fact]
    public void DifferentEstimatorSettings_ShareOneRow_FlaggedWithOnlyTheSettingsThatDiffer()
    {
        var a = new HandMadeRun(_dir.File("a")).Evaluation("iwae", HandMadeRun.Settings(("k", "100"), ("limit", "0")), "fashion-mnist/test", 10000,
            new MetricValue("iwae.log_likelihood", -240.5, MetricKind.Bound, 0.3)).Write();
        var b = new HandMadeRun(_dir.File("b")).Evaluation("iwae:k=1000", HandMadeRun.Settings(("k", "1000"), ("limit", "0")), "fashion-mnist/test", 10000,
            new MetricValue("iwae.log_likelihood", -238.25, MetricKind.Bound, 0.3)).Write();

        var row = Assert.Single(RunComparison.Of([a, b]).Rows);

        Assert.Equal("iwae", row.Source);
        Assert.Equal([-240.5, -238.25], row.Figures.Select(f => f!.Value));
        Assert.Equal("estimator settings differ: [1] k=100; [2] k=1000", Assert.Single(row.Flags));
    }

    [Fact]
    public void DifferentKinds_AreFlagged()
    {
        var a = new HandMadeRun(_dir.File("a")).Epoch(Losses(100, 101), MetricKind.Bound).Write();
        var b = new HandMadeRun(_dir.File("b")).Epoch(Losses(90, 91), MetricKind.Proxy).Write();

        var row = Row(RunComparison.Of([a, b]), "loss", "test");

        Assert.Equal("kinds differ: [1] bound; [2] proxy", Assert.Single(row.Flags));
    }

    [Fact]
    public void ProxyLossesOfDifferentModels_AreFlagged_BoundsOfThemAreNot()
    {
        var proxyA = new HandMadeRun(_dir.File("pa")) { Model = "autoencoder" }.Epoch(Losses(1, 2)).Write();
        var proxyB = new HandMadeRun(_dir.File("pb")) { Model = "kmeans" }.Epoch(Losses(3, 4)).Write();
        var boundA = new HandMadeRun(_dir.File("ba")) { Model = "vae" }.Epoch(Losses(1, 2), MetricKind.Bound).Write();
        var boundB = new HandMadeRun(_dir.File("bb")) { Model = "conv-vae" }.Epoch(Losses(3, 4), MetricKind.Bound).Write();

        Assert.Equal("models (each figure is its own model's objective) differ: [1] autoencoder; [2] kmeans",
            Assert.Single(Row(RunComparison.Of([proxyA, proxyB]), "loss", "test").Flags));
        Assert.Empty(Row(RunComparison.Of([boundA, boundB]), "loss", "test").Flags);
    }

    [Fact]
    public void SeveralResultsOfOneEstimatorInARun_EachGetTheirOwnRow()
    {
        var a = new HandMadeRun(_dir.File("a"))
            .Evaluation("iwae", HandMadeRun.Settings(("k", "100")), "fashion-mnist/test", 10000, new MetricValue("iwae.log_likelihood", -241, MetricKind.Bound, 0.3))
            .Evaluation("iwae:k=1000", HandMadeRun.Settings(("k", "1000")), "fashion-mnist/test", 10000, new MetricValue("iwae.log_likelihood", -239, MetricKind.Bound, 0.3))
            .Write();
        var b = new HandMadeRun(_dir.File("b"))
            .Evaluation("iwae:k=1000", HandMadeRun.Settings(("k", "1000")), "fashion-mnist/test", 10000, new MetricValue("iwae.log_likelihood", -237, MetricKind.Bound, 0.3))
            .Write();

        var comparison = RunComparison.Of([a, b]);

        Assert.Equal(2, comparison.Rows.Count);
        var k100 = Row(comparison, "iwae.log_likelihood", "test", "iwae");
        Assert.Equal(-241, k100.Figures[0]!.Value);
        Assert.Null(k100.Figures[1]);
        var k1000 = Row(comparison, "iwae.log_likelihood", "test", "iwae:k=1000");
        Assert.Equal([-239.0, -237.0], k1000.Figures.Select(f => f!.Value));
        Assert.True(k1000.Comparable);
    }

    [Fact]
    public void Text_MarksUncomparableLines_AndListsWhy()
    {
        var a = new HandMadeRun(_dir.File("first")).Epoch(Losses(100, 101.5), MetricKind.Bound)
            .Evaluation("mmd", HandMadeRun.Settings(("kernel", "rbf")), "fashion-mnist/test", 1000, new MetricValue("mmd.mmd2", 0.0125, MetricKind.Estimate, 0.002)).Write();
        var b = new HandMadeRun(_dir.File("second")).Epoch(Losses(90, 91.25), MetricKind.Proxy).Write();

        var lines = ComparisonTable.Text(RunComparison.Of([a, b])).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("  [1] first: vae, 1 epoch(s), data fashion-mnist", StringComparison.Ordinal));
        var testLoss = lines.Single(l => l.StartsWith("loss ", StringComparison.Ordinal) && l.Contains(" test "));
        Assert.Matches(@"101\.5 bound\s+91\.25 proxy\s+!2$", testLoss);
        Assert.Matches(@"^mmd\.mmd2\s+test\s+mmd\s+0\.0125 ± 0\.002 estimate\s+—$", lines.Single(l => l.StartsWith("mmd.mmd2", StringComparison.Ordinal)));
        Assert.Contains("  !2 loss test (training): kinds differ: [1] bound; [2] proxy", lines);
    }

    [Fact]
    public void Page_MarksUncomparableCells_AndEscapesRunNames()
    {
        var a = new HandMadeRun(_dir.File("<i>a")).Epoch(Losses(1, 2), MetricKind.Bound).Write();
        var b = new HandMadeRun(_dir.File("b")).Epoch(Losses(1, 2), MetricKind.Proxy).Write();

        var html = ComparisonPage.Html(RunComparison.Of([a, b]));

        var rows = RunReportTests.Rows(html, "comparison-table");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("class=\"num flagged\"", r));
        Assert.Contains(rows, r => r.Contains("not comparable</span> kinds differ: [1] bound; [2] proxy"));
        Assert.DoesNotContain("<i>", html);
        Assert.Contains("&lt;i&gt;a", html);
    }

    [Fact]
    public void Of_NeedsTwoRuns()
    {
        var a = new HandMadeRun(_dir.File("a")).Write();
        var e = Assert.Throws<ArgumentException>(() => RunComparison.Of([a]));
        Assert.Contains("at least two runs", e.Message);
    }
}
