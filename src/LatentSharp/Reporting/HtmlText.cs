using System.Globalization;
using System.Text;

namespace LatentSharp.Reporting;

/// <summary>
/// Text made safe for an HTML page. Every string a page shows passes through <see cref="Escape"/>:
/// config values, metric names and file names come from files anyone may edit, and a page that
/// pasted them in raw would run whatever script they held.
/// </summary>
internal static class HtmlText
{
    /// <summary><paramref name="text"/> with <c>&amp; &lt; &gt; " '</c> replaced by entities (safe in element text and quoted attributes).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>
    /// A metric name escaped, with a line-break opportunity after each <c>.</c> and <c>_</c>, so a narrow
    /// screen breaks <c>reconstruction.squared_error</c> between its words instead of hiding the value beside it.
    /// </summary>
    public static string MetricName(string name) => Escape(name).Replace(".", ".<wbr>").Replace("_", "_<wbr>");

    /// <summary>A figure for people: 6 significant digits, invariant culture, "n/a" for a missing or non-finite one.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : double.IsNaN(value) ? "n/a" : value > 0 ? "+inf" : "-inf";

    /// <summary>A standard error: 3 significant digits.</summary>
    public static string Error(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>A coordinate in an SVG drawing: invariant, two decimals (enough for a screen, short to read).</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A byte count for people (B, kB, MB).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " kB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
