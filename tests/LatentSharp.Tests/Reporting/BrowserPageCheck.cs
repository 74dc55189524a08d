using OpenQA.Selenium;
using SkiaSharp;

namespace LatentSharp.Tests.Reporting;

/// <summary>
/// What every page LatentSharp writes must do in a real browser (headless Debian chromium), at a phone's and a
/// desktop's width: log no console error, decode every picture at its file's pixel size, never scroll sideways
/// (wide tables scroll in their own box) and show no picture wider than the window. A page's own checks run at
/// each width too. Screenshots go to <c>browser-screenshots/&lt;name&gt;-&lt;width name&gt;.png</c> beside the tests.
/// </summary>
internal static class BrowserPageCheck
{
    /// <summary>The window sizes a page is checked at.</summary>
    public static IReadOnlyList<(string Name, int Width, int Height)> Windows { get; } = [("phone", 390, 844), ("desktop", 1280, 900)];

    /// <summary>
    /// Opens <paramref name="pagePath"/> at each of <see cref="Windows"/> and checks it; <paramref name="pictureSizes"/>
    /// are the pixel sizes of the page's pictures in page order (none for a page without pictures), and
    /// <paramref name="pageChecks"/> gets the page and the window's name.
    /// </summary>
    public static void Check(string pagePath, IReadOnlyList<(int Width, int Height)> pictureSizes, string screenshotName,
        string profileDirectory, Action<IWebDriver, string> pageChecks)
    {
        var screenshots = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");
        Directory.CreateDirectory(screenshots);
        using var driver = HeadlessChromium.Start(profileDirectory);
        // The console check can fail: a page that logs an error is seen as one.
        driver.Navigate().GoToUrl("data:text/html,<script>console.error('planted error')</script>");
        Assert.Contains(HeadlessChromium.ConsoleErrors(driver), m => m.Contains("planted error"));

        foreach (var (name, width, height) in Windows)
        {
            driver.Manage().Window.Size = new System.Drawing.Size(width, height);
            driver.Navigate().GoToUrl(new Uri(Path.GetFullPath(pagePath)).AbsoluteUri);
            var js = (IJavaScriptExecutor)driver;

            Assert.Empty(HeadlessChromium.ConsoleErrors(driver));
            var decoded = ((IEnumerable<object>)js.ExecuteScript("return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]);")!)
                .Select(o => ((IEnumerable<object>)o).ToList()).ToList();
            Assert.Equal(pictureSizes.Count, decoded.Count);
            for (int i = 0; i < pictureSizes.Count; i++)
            {
                Assert.True((bool)decoded[i][0], $"picture {i + 1} did not load at {width} px");
                Assert.Equal((long)pictureSizes[i].Width, Convert.ToInt64(decoded[i][1]));
                Assert.Equal((long)pictureSizes[i].Height, Convert.ToInt64(decoded[i][2]));
            }

            var viewport = Convert.ToDouble(js.ExecuteScript("return window.innerWidth;"));
            Assert.Equal(width, viewport, 0);
            Assert.True(Convert.ToDouble(js.ExecuteScript("return document.documentElement.scrollWidth;")) <= viewport,
                $"the page scrolls sideways at {width} px; too wide: {js.ExecuteScript(WiderThanTheWindow)}");
            Assert.True(Convert.ToDouble(js.ExecuteScript("return Math.max(0, ...Array.from(document.images).map(i => i.getBoundingClientRect().right));")) <= viewport,
                $"a picture is wider than the window at {width} px");

            pageChecks(driver, name);

            var path = Path.Combine(screenshots, $"{screenshotName}-{name}.png");
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
            using var shot = SKBitmap.Decode(path);
            Assert.Equal(width, shot.Width);
        }
    }

    // The innermost elements reaching past the window's right edge and not inside a box that scrolls or clips
    // them (a wide table in its own scroll box is fine), named so a failure says what to fix.
    const string WiderThanTheWindow = """
        const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
        const right = e => getComputedStyle(e).overflowX !== 'visible' ? e.getBoundingClientRect().right   // a scroll box: its box
            : Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth);   // else its box or its overflowing content
        const wide = Array.from(document.body.querySelectorAll('*')).filter(e => right(e) > window.innerWidth + 0.5 && !clipped(e));
        return wide.filter(e => !wide.some(c => c !== e && e.contains(c))).slice(0, 5)
          .map(e => `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''}${e.className ? ' class=' + e.className : ''}> ${Math.round(right(e))} px: ${e.textContent.slice(0, 80)}`)
          .join(' | ');
        """;

    /// <summary>The text of an element, as the page holds it (hidden overflow included).</summary>
    public static string Text(IWebDriver driver, IWebElement element) =>
        (string)((IJavaScriptExecutor)driver).ExecuteScript("return arguments[0].textContent;", element)!;
}
