using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Reporting;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;
using SkiaSharp;

namespace LatentSharp.Tests.Reporting;

/// <summary>report.html is built from a run folder's files alone, shows every figure with its kind, embeds every picture and escapes every string.</summary>
public sealed class RunReportTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    static string G6(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    [Fact]
    public void Report_ListsEveryFinalFigure_WithItsKind_AndEstimatesWithTheirStandardError()
    {
        var run = new HandMadeRun(_dir.File("run"))
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 120.5, ["test.loss"] = 130.25 }, MetricKind.Bound)
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 101.125, ["test.loss"] = 110.875 }, MetricKind.Bound)
            .Evaluation("mmd", HandMadeRun.Settings(("kernel", "rbf")), "fashion-mnist/test", 1000, new MetricValue("mmd.mmd2", 0.0123456789, MetricKind.Estimate, 0.000987654))
            .Evaluation("knn", HandMadeRun.Settings(("k", "5")), "fashion-mnist/test", 1000, new MetricValue("knn.accuracy", 0.8125, MetricKind.Exact, null, "fraction"))
            .Write();

        var html = RunReport.Build(RunContents.Read(run));
        var rows = Rows(html, "figure-table");

        Assert.Equal(4, rows.Count);
        // The last epoch's figures, not the first's.
        Assert.Contains(rows, r => r.Contains(">loss<") && r.Contains(">test<") && r.Contains($">{G6(110.875)}<") && r.Contains("kind-bound") && r.Contains("training, epoch 2"));
        Assert.DoesNotContain(rows, r => r.Contains(G6(130.25)));
        Assert.Contains(rows, r => r.Contains(">mmd.mmd2<") && r.Contains(G6(0.0123456789)) && r.Contains(">0.000988<") && r.Contains("kind-estimate"));
        Assert.Contains(rows, r => r.Contains(">knn.accuracy<") && r.Contains(">0.8125 fraction<") && r.Contains("kind-exact") && r.Contains("(1000 samples)"));
    }

    [Fact]
    public void Report_EscapesEveryStringTakenFromTheRunsFiles()
    {
        const string attack = "</td><script>alert('x')</script><img src=x onerror=alert(1)>";
        var run = new HandMadeRun(_dir.File("run<b>"))
            {
                Options = new JsonObject { ["prior"] = attack },
                Data = attack,
                DataDescription = new RunDataDescription(10, "test", 5, [attack]),
            }
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 1 }, warnings: new TrainingCondition("mode-collapse", attack))
            .Evaluation("knn", HandMadeRun.Settings(("k", attack)), attack, 5, new MetricValue("knn.accuracy", 0.5, MetricKind.Exact))
            .Picture("a.png", attack, 3, 2, SKColors.Red)
            .Write();

        var html = RunReport.Build(RunContents.Read(run));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("run&lt;b&gt;", html);
        // Every place the text appears (option, data, note, warning, picture caption and alt, file list) is escaped, none raw.
        Assert.True(Regex.Matches(html, Regex.Escape("&lt;/td&gt;&lt;script&gt;")).Count >= 6);
    }

    [Fact]
    public void Report_EmbedsEachPictureAsItsOwnBytes_AndRefersToNothingOutsideThePage()
    {
        var run = new HandMadeRun(_dir.File("run"))
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 2 })
            .Picture("red.png", "a red picture", 5, 3, SKColors.Red)
            .Picture("blue.png", "a blue picture", 2, 7, SKColors.Blue)
            .Write();

        var html = RunReport.Build(RunContents.Read(run));

        var sources = Regex.Matches(html, "<img src=\"data:image/png;base64,([^\"]+)\"").Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(2, sources.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "red.png")), sources[0]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "blue.png")), sources[1]);
        using (var red = SKBitmap.Decode(sources[0])) Assert.Equal(SKColors.Red, red.GetPixel(4, 2));
        // No attribute points anywhere but into the page (data: or #anchor), and the style imports nothing.
        foreach (Match reference in Regex.Matches(html, "(?:src|href)=\"([^\"]*)\""))
            Assert.True(reference.Groups[1].Value.StartsWith("data:", StringComparison.Ordinal) || reference.Groups[1].Value.StartsWith('#'), reference.Value);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("@import", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Contains("default-src 'none'; img-src data:", html);
    }

    [Fact]
    public void Report_DrawsACurvePerFigure_ThroughTheEpochsValues()
    {
        var run = new HandMadeRun(_dir.File("run"))
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 3, ["train.kl"] = 1, ["test.loss"] = 3.5 })
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 2, ["train.kl"] = 2, ["test.loss"] = 2.5 })
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 1, ["train.kl"] = 3, ["test.loss"] = double.NaN })
            .Write();

        var html = RunReport.Build(RunContents.Read(run));

        var charts = Regex.Matches(html, "<svg class=\"chart\".*?</svg>").Select(m => m.Value).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains(">loss (proxy)</text>", charts[0]);
        var train = Points(charts[0], "#1f77b4");
        Assert.Equal(3, train.Count);
        Assert.True(train[0].X < train[1].X && train[1].X < train[2].X, "epochs left to right");
        Assert.True(train[0].Y < train[1].Y && train[1].Y < train[2].Y, "a falling loss goes down the chart (SVG y grows downwards)");
        Assert.Equal(train[1].Y - train[0].Y, train[2].Y - train[1].Y, 1);   // equal steps in value, equal steps on the chart
        // test.loss is NaN in epoch 3: its line stops at epoch 2 rather than inventing a value.
        var test = Points(charts[0], "#e8710a");
        Assert.Equal(2, test.Count);
        Assert.Equal(train[1].X, test[1].X, 2);
        var kl = Points(charts[1], "#1f77b4");
        Assert.True(kl[0].Y > kl[2].Y, "a rising figure goes up");
    }

    [Fact]
    public void Report_BreaksEachLineAtAPhaseChange_AndMarksIt()
    {
        var run = new HandMadeRun(_dir.File("run"))
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 4 }, phase: "layer-1")
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 3 }, phase: "layer-1")
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 9 }, phase: "fine-tune")
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 8 }, phase: "fine-tune")
            .Write();

        var chart = Regex.Match(RunReport.Build(RunContents.Read(run)), "<svg class=\"chart\".*?</svg>").Value;

        var lines = Regex.Matches(chart, "<polyline class=\"series\"").Count;
        Assert.Equal(2, lines);
        var boundary = Regex.Match(chart, "<line class=\"phase\" x1=\"([0-9.]+)\"");
        Assert.True(boundary.Success);
        var points = Points(chart, "#1f77b4");
        double x = double.Parse(boundary.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(points[1].X < x && x < points[2].X, "the mark lies between the phases' epochs");
        Assert.Contains(">fine-tune</text>", chart);
    }

    [Fact]
    public void Report_ShowsTheFailure_TheWarnings_AndWhatCouldNotBeRead_AndStillTheFigures()
    {
        var run = new HandMadeRun(_dir.File("run"))
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 7.25 }, warnings: new TrainingCondition("discriminator-stuck", "D wins every batch"))
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 6.5 }, warnings: new TrainingCondition("discriminator-stuck", "D wins every batch again"))
            .Write();
        RunFailure.Write(run, new RunFailure("diverged", "loss became NaN at step 31", 3, 31, 2));
        File.WriteAllText(Path.Combine(run, EvaluationFile.FileName), "{ not json");

        var html = RunReport.Build(RunContents.Read(run));

        Assert.Contains("Training failed: diverged</strong> at epoch 3, step 31. loss became NaN at step 31", html);
        Assert.Contains("failed (diverged) in epoch 3; 2 finished epoch(s) kept", html);
        Assert.Contains("warning [discriminator-stuck]</strong> in epoch(s) 1, 2: D wins every batch again", html);
        Assert.Matches("Not shown: [^<]*evaluation.json is not a valid evaluation file", html);
        Assert.Contains($">{G6(6.5)}<", Rows(html, "figure-table").Single());
    }

    [Fact]
    public void Report_DescribesTheData_WithCountsAndTheReadersNotes()
    {
        var run = new HandMadeRun(_dir.File("run")) { Data = "fashion-mnist-small", DataDescription = new RunDataDescription(4500, "validation", 500, ["column 'label' read as labels"]) }
            .Epoch(new Dictionary<string, double> { ["train.loss"] = 1, ["validation.loss"] = 2 })
            .Write();

        var html = RunReport.Build(RunContents.Read(run));

        Assert.Contains("<dt>trained on</dt><dd>4500 samples</dd>", html);
        Assert.Contains("<dt>evaluated each epoch on</dt><dd>validation (500 samples)</dd>", html);
        Assert.Contains("note: column &#39;label&#39; read as labels", html);
        Assert.Contains("5000 train / 1000 test Fashion-MNIST images", html);   // the known source's description
        Assert.Contains(Rows(html, "figure-table"), r => r.Contains(">validation<") && r.Contains("(500 samples)"));
    }

    [Fact]
    public void Write_PutsTheReportInTheFolderAndItsManifest_WithNoTemporaryFileLeft()
    {
        var run = new HandMadeRun(_dir.File("run")).Epoch(new Dictionary<string, double> { ["train.loss"] = 1 }).Picture("p.png", "p", 2, 2, SKColors.Green).Write();

        var listed = RunReport.Write(run);

        Assert.Contains(listed, f => f.Name == RunReport.FileName);
        Assert.Equal(listed.Select(f => f.Name), RunManifest.Read(run).Select(f => f.Name));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(run, RunReport.FileName)));
        Assert.Empty(Directory.GetFiles(run, "*latentsharp-tmp*", SearchOption.AllDirectories));
        Assert.Contains(Rows(File.ReadAllText(Path.Combine(run, RunReport.FileName)), "file-table"), r => r.Contains(">p.png<"));
    }

    [Fact]
    public void Read_RefusesAMissingFolder_AndAFolderWithoutARun()
    {
        Assert.Throws<DirectoryNotFoundException>(() => RunContents.Read(_dir.File("nothing-here")));
        Directory.CreateDirectory(_dir.File("empty"));
        var e = Assert.Throws<CheckpointException>(() => RunContents.Read(_dir.File("empty")));
        Assert.Contains("not a run folder", e.Message);
    }

    /// <summary>The rows of the table with id <paramref name="id"/>, without the line-break hints inside metric names.</summary>
    internal static List<string> Rows(string html, string id)
    {
        var table = Regex.Match(html, $"<table id=\"{id}\">.*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {id}");
        return Regex.Matches(table.Value, "<tr><td.*?</tr>", RegexOptions.Singleline).Select(m => m.Value.Replace("<wbr>", "")).ToList();
    }

    // The points of the line drawn in `colour` (all its segments, in order).
    static List<(double X, double Y)> Points(string svg, string colour) =>
        Regex.Matches(svg, $"<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"3\" fill=\"{colour}\"")
            .Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
}
