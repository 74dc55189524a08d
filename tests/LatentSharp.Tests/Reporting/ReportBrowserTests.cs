using System.Globalization;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Reporting;
using LatentSharp.Tests.Cli;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;
using OpenQA.Selenium;
using SkiaSharp;

namespace LatentSharp.Tests.Reporting;

/// <summary>
/// A real run's report.html in a real browser (headless Debian chromium): the checks every page gets
/// (<see cref="BrowserPageCheck"/>: no console errors, every picture decoded at its file's size, no sideways
/// scroll), the figure table showing the run's figures, and charts that use a desktop's width.
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    static string G6(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A VAE trained and evaluated through the CLI on labelled 8×8 images: several pictures, bounds, proxies, an estimate and an exact figure.</summary>
    string TrainAndEvaluate()
    {
        using var images = TestData.LowRankImages(240, side: 8, rank: 2);
        var features = images.Features.reshape(240, 64).data<float>().ToArray();
        var labels = images.Labels!.data<long>().ToArray();
        string WriteCsv(string name, int from, int to)
        {
            var lines = new List<string> { string.Join(",", Enumerable.Range(0, 64).Select(i => $"p{i}").Append("label")) };
            for (int row = from; row < to; row++)
                lines.Add(string.Join(",", features.Skip(row * 64).Take(64).Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Append(labels[row].ToString(CultureInfo.InvariantCulture))));
            var path = _dir.File(name);
            File.WriteAllLines(path, lines);
            return path;
        }
        var run = _dir.File("vae-run");
        var train = CliRunner.Run("train", "vae", "--data", WriteCsv("train.csv", 0, 200), "--test-data", WriteCsv("test.csv", 200, 240), "--label-column", "label",
            "--hidden-sizes", "16", "--code-size", "2", "--epochs", "3", "--batch-size", "20", "--out", run);
        Assert.True(train.ExitCode == 0, train.Error);
        var evaluate = CliRunner.Run("evaluate", run, "--estimator", "knn", "--estimator", "mmd:samples=40,blocks=4");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        return run;
    }

    [ChromiumFact]
    public void Report_InHeadlessChromium_HasNoConsoleErrors_DecodesEveryPicture_ShowsTheFigures_AtPhoneAndDesktopWidths()
    {
        var run = TrainAndEvaluate();
        var pictures = RunContents.Read(run).Pictures;
        Assert.True(pictures.Count >= 5, $"a VAE with a 2-D code draws samples, reconstructions, traversals, manifold, latent and loss; got {string.Join(", ", pictures.Select(p => p.Name))}");
        var sizes = pictures.Select(p =>
        {
            using var file = SKBitmap.Decode(Path.Combine(run, p.Name));
            return (file.Width, file.Height);
        }).ToList();
        var last = MetricsFile.Read(Path.Combine(run, MetricsFile.FileName))[^1];
        var estimates = EvaluationFile.Read(run).Entries.SelectMany(e => e.Values).ToList();

        BrowserPageCheck.Check(Path.Combine(run, RunReport.FileName), sizes, "report", _dir.File("chromium-profile"), (driver, window) =>
        {
            var table = driver.FindElement(By.Id("figure-table"));
            Assert.True(table.Displayed);
            var tableText = BrowserPageCheck.Text(driver, table);
            foreach (var (key, value) in last.Values.Where(kv => kv.Key.Contains('.')))
                Assert.Contains(G6(value), tableText);
            foreach (var value in estimates) Assert.Contains(G6(value.Value), tableText);
            Assert.Contains("estimate", tableText);

            // Charts side by side on a desktop, one under the other on a phone.
            var chartTops = ((IEnumerable<object>)((IJavaScriptExecutor)driver).ExecuteScript(
                    "return Array.from(document.querySelectorAll('svg.chart')).slice(0, 2).map(c => c.getBoundingClientRect().top);")!)
                .Select(Convert.ToDouble).ToList();
            Assert.Equal(2, chartTops.Count);
            if (window == "desktop") Assert.Equal(chartTops[0], chartTops[1], 0);
            else Assert.True(chartTops[1] > chartTops[0] + 100, "on a phone the second chart is below the first");
        });
    }

    [ChromiumFact]
    public void DivergedRunReport_InHeadlessChromium_ShowsTheFailure_AndFitsAPhone()
    {
        Tests.Models.TestGenerator.EnsureRegistered();
        var run = _dir.File("diverged-run");
        // 5 steps an epoch on the embedded 5,000 images: step 7 is in the second epoch, after the first checkpoint.
        CliRunner.Result train;
        using (Tests.Models.TestGenerator.DivergingFromStep(7))
            train = CliRunner.Run("train", Tests.Models.TestGenerator.ModelName, "--batch-size", "1000", "--epochs", "3", "--out", run);
        Assert.Equal(1, train.ExitCode);

        // The failure's box (and the folder's full path among the facts) must fit a phone's width.
        BrowserPageCheck.Check(Path.Combine(run, RunReport.FileName), [], "report-diverged", _dir.File("chromium-profile"), (driver, _) =>
        {
            var failure = driver.FindElement(By.Id("failure"));
            Assert.True(failure.Displayed);
            Assert.Contains("Training failed: diverged", BrowserPageCheck.Text(driver, failure));
        });
    }
}
