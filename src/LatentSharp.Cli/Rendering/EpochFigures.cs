using System.Globalization;

namespace LatentSharp.Cli.Rendering;

/// <summary>
/// The figures of one epoch as shown: every metric but the counters, in the trainer's order, with
/// <c>X.recon</c> folded into <c>X.loss</c> when they are the same number (a model whose loss is
/// its reconstruction error) so it is not printed twice.
/// </summary>
internal static class EpochFigures
{
    /// <summary>Labels and formatted values of <paramref name="metrics"/>.</summary>
    public static IReadOnlyList<(string Label, string Value)> Of(IReadOnlyDictionary<string, double> metrics)
    {
        var shown = new List<(string, string)>();
        foreach (var (key, value) in metrics)
        {
            if (key is "epoch" or "step") continue;
            if (IsLossTwin(metrics, key)) continue;
            var label = key.EndsWith(".loss", StringComparison.Ordinal) && metrics.Keys.Any(k => IsLossTwin(metrics, k) && Prefix(k) == Prefix(key))
                ? key + "=recon" : key;
            shown.Add((label, Format(key, value)));
        }
        return shown;
    }

    /// <summary>Whether <paramref name="key"/> is an <c>X.recon</c> equal to its <c>X.loss</c>.</summary>
    static bool IsLossTwin(IReadOnlyDictionary<string, double> metrics, string key) =>
        key.EndsWith(".recon", StringComparison.Ordinal)
        && metrics.TryGetValue(Prefix(key) + ".loss", out var loss) && loss.Equals(metrics[key]);

    static string Prefix(string key) => key[..key.LastIndexOf('.')];

    /// <summary>A figure as text: seconds to a tenth, the rest to five significant digits.</summary>
    public static string Format(string key, double value) =>
        value.ToString(key == "seconds" ? "F1" : "G5", CultureInfo.InvariantCulture);

    /// <summary>A duration as <c>m:ss</c>, or <c>h:mm:ss</c> from an hour.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
