using System.Globalization;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Reporting;
using LatentSharp.Tests.Cli;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using SkiaSharp;

namespace LatentSharp.Tests.Reporting;

/// <summary>
/// A real run's report.html in a real browser (headless Debian chromium): no console errors, every
/// picture decodes at its file's size, the figure table shows the run's figures, and the page fits a
/// phone's width and uses a desktop's. Screenshots go to <c>browser-screenshots/</c> beside the tests.
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
        var last = MetricsFile.Read(Path.Combine(run, MetricsFile.FileName))[^1];
        var estimates = EvaluationFile.Read(run).Entries.SelectMany(e => e.Values).ToList();
        var screenshots = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");
        Directory.CreateDirectory(screenshots);

        using var driver = HeadlessChromium.Start(_dir.File("chromium-profile"));
        // The console check can fail: a page that logs an error is seen as one.
        driver.Navigate().GoToUrl("data:text/html,<script>console.error('planted error')</script>");
        Assert.Contains(HeadlessChromium.ConsoleErrors(driver), m => m.Contains("planted error"));

        foreach (var (name, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 900) })
        {
            driver.Manage().Window.Size = new System.Drawing.Size(width, height);
            driver.Navigate().GoToUrl(new Uri(Path.GetFullPath(Path.Combine(run, RunReport.FileName))).AbsoluteUri);
            var js = (IJavaScriptExecutor)driver;

            Assert.Empty(HeadlessChromium.ConsoleErrors(driver));
            var decoded = ((IEnumerable<object>)js.ExecuteScript("return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]);")!)
                .Select(o => ((IEnumerable<object>)o).ToList()).ToList();
            Assert.Equal(pictures.Count, decoded.Count);
            for (int i = 0; i < pictures.Count; i++)
            {
                using var file = SKBitmap.Decode(Path.Combine(run, pictures[i].Name));
                Assert.True((bool)decoded[i][0], $"{pictures[i].Name} did not load");
                Assert.Equal((long)file.Width, Convert.ToInt64(decoded[i][1]));
                Assert.Equal((long)file.Height, Convert.ToInt64(decoded[i][2]));
            }

            var table = driver.FindElement(By.Id("figure-table"));
            Assert.True(table.Displayed);
            var tableText = (string)js.ExecuteScript("return arguments[0].textContent;", table)!;
            foreach (var (key, value) in last.Values.Where(kv => kv.Key.Contains('.')))
                Assert.Contains(G6(value), tableText);
            foreach (var value in estimates) Assert.Contains(G6(value.Value), tableText);
            Assert.Contains("estimate", tableText);

            // Fits the window: the page never scrolls sideways (wide tables scroll in their own box) and no picture is wider than the window.
            var viewport = Convert.ToDouble(js.ExecuteScript("return window.innerWidth;"));
            Assert.Equal(width, viewport, 0);
            Assert.True(Convert.ToDouble(js.ExecuteScript("return document.documentElement.scrollWidth;")) <= viewport, $"the page scrolls sideways at {width} px");
            Assert.True(Convert.ToDouble(js.ExecuteScript("return Math.max(...Array.from(document.images).map(i => i.getBoundingClientRect().right));")) <= viewport);
            // Charts side by side on a desktop, one under the other on a phone.
            var chartTops = ((IEnumerable<object>)js.ExecuteScript("return Array.from(document.querySelectorAll('svg.chart')).slice(0, 2).map(c => c.getBoundingClientRect().top);")!)
                .Select(Convert.ToDouble).ToList();
            Assert.Equal(2, chartTops.Count);
            if (name == "desktop") Assert.Equal(chartTops[0], chartTops[1], 0);
            else Assert.True(chartTops[1] > chartTops[0] + 100, "on a phone the second chart is below the first");

            var path = Path.Combine(screenshots, $"report-{name}.png");
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
            using var shot = SKBitmap.Decode(path);
            Assert.Equal(width, shot.Width);
        }
    }
}
