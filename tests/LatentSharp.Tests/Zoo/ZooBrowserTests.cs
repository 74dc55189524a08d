using LatentSharp.Data;
using LatentSharp.Tests.Models;
using LatentSharp.Tests.Reporting;
using LatentSharp.Tests.Visualization;
using LatentSharp.Zoo;
using OpenQA.Selenium;

namespace LatentSharp.Tests.Zoo;

/// <summary>
/// The page of a real zoo run in a real browser (headless Debian chromium): the checks every page gets
/// (<see cref="BrowserPageCheck"/>), a row per family that ran in the run table and a column per family in
/// the comparison table. The run holds two finished families, a skipped one and one that failed with a
/// long message naming a path, the kind of text that can push a phone's page sideways.
/// </summary>
public sealed class ZooBrowserTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [ChromiumFact]
    public void ZooPage_InHeadlessChromium_HasNoConsoleErrors_FitsPhoneAndDesktop_AndShowsEveryFamilyThatRan()
    {
        TestGenerator.EnsureRegistered();
        var budget = ZooRunnerTests.Budget with { Default = ZooRunnerTests.Budget.Default with { Epochs = 2 } };
        var options = new ZooOptions
        {
            OutDirectory = _dir.File("zoo"), Data = DataSources.FashionMnistSmall, Budget = budget,
            Families = ["kmeans", "autoencoder", "classifier", TestGenerator.ModelName],
        };
        ZooResult zoo;
        // 4 steps an epoch: the test generator diverges in its second epoch, after its first checkpoint.
        using (TestGenerator.DivergingFromStep(6)) zoo = ZooRunner.Run(options);
        var ran = zoo.Families.Where(f => f.Status == ZooFamilyResult.Done).Select(f => f.Family).ToList();
        Assert.Equal(["autoencoder", "kmeans"], ran.Order());
        Assert.Contains(zoo.Families, f => f.Status == ZooFamilyResult.Failed);

        CheckZooPage(zoo.PagePath, ran, "zoo", _dir.File("chromium-profile"));
    }

    /// <summary>Checks a zoo page in the browser: <paramref name="ran"/> are the families it must show as finished.</summary>
    internal static void CheckZooPage(string pagePath, IReadOnlyList<string> ran, string screenshotName, string profileDirectory) =>
        BrowserPageCheck.Check(pagePath, [], screenshotName, profileDirectory, (driver, _) =>
        {
            var runTable = driver.FindElement(By.Id("run-table"));
            Assert.True(runTable.Displayed);
            // A run is named after its folder, which the zoo names after the family.
            var names = runTable.FindElements(By.CssSelector("tbody tr td.name")).Select(c => BrowserPageCheck.Text(driver, c)).ToList();
            Assert.Equal(ran.Order(), names.Order());

            var comparison = driver.FindElement(By.Id("comparison-table"));
            Assert.True(comparison.Displayed);
            // metric, split, from, a column per family, comparable?
            Assert.Equal(3 + ran.Count + 1, comparison.FindElements(By.CssSelector("thead th")).Count);
            Assert.Contains(ZooReport.TrainingSecondsMetric, BrowserPageCheck.Text(driver, comparison));
        });
}
