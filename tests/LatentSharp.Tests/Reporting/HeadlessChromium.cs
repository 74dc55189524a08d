using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace LatentSharp.Tests.Reporting;

/// <summary>
/// Debian's chromium driven through Debian's chromedriver, both at fixed paths: the driver service is
/// given its path, so Selenium never runs Selenium Manager and never downloads a browser or a driver
/// (these machines cannot fetch one, and a test must not depend on a download).
/// </summary>
internal static class HeadlessChromium
{
    public const string BrowserPath = "/usr/bin/chromium", DriverDirectory = "/usr/bin", DriverName = "chromedriver";

    /// <summary>Why the browser cannot run here (what is missing), or null when it can.</summary>
    public static string? Missing()
    {
        var missing = new[] { BrowserPath, Path.Combine(DriverDirectory, DriverName) }.Where(p => !File.Exists(p)).ToList();
        return missing.Count == 0 ? null : $"{string.Join(" and ", missing)} not found (Debian packages chromium, chromium-driver)";
    }

    /// <summary>A headless browser with its console log recorded, its profile in <paramref name="profileDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">Chromium or its driver is not installed.</exception>
    public static ChromeDriver Start(string profileDirectory)
    {
        if (Missing() is { } missing) throw new InvalidOperationException($"The browser test needs Chromium: {missing}. Install them: apt-get install chromium chromium-driver.");
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverName);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        // Root needs --no-sandbox; a profile of its own keeps parallel browsers on this machine apart.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--force-device-scale-factor=1", $"--user-data-dir={profileDirectory}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        // A loaded machine can take long to start a browser.
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(3));
    }

    /// <summary>The console messages of level SEVERE (errors) logged since the last call.</summary>
    public static IReadOnlyList<string> ConsoleErrors(IWebDriver driver) =>
        driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level == LogLevel.Severe).Select(e => e.Message).ToList();
}
