namespace LatentSharp.Tests.Reporting;

/// <summary>
/// A fact that needs Debian's chromium and chromedriver. On a developer's machine without them it is
/// skipped (saying what to install), so <c>dotnet test</c> stays green on a fresh machine; with
/// <see cref="RequireVariable"/> set to 1, as <c>.ci/run</c> sets it, it always runs and a missing
/// browser is a failure.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>The environment variable that turns a missing browser from a skip into a failure.</summary>
    public const string RequireVariable = "LATENTSHARP_REQUIRE_BROWSER";

    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Missing() is { } missing && Environment.GetEnvironmentVariable(RequireVariable) != "1")
            Skip = $"{missing}: install chromium and chromium-driver to run this test ({RequireVariable}=1 makes a missing browser a failure).";
    }
}
