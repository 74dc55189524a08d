using System.Text.Json.Nodes;
using LatentSharp.Training;

namespace LatentSharp.Reporting;

/// <summary>
/// The rules that make two figures of the same name not comparable. Each rule looks at one thing and,
/// when the runs disagree on it, says so naming each run's value: the data the figure was computed on
/// (source, split part, sample count), whether the model binarised its input, the estimator's
/// settings, the figure's kind and unit, and — for a model's own loss — which model defined it.
/// </summary>
internal static class Comparability
{
    /// <summary>The option that, when on, makes a model see binarised data (so its likelihoods are of other data).</summary>
    const string BinarizeOption = "binarize";

    /// <summary>The flags for <paramref name="figures"/> (one per run, null where missing) of <paramref name="runs"/>.</summary>
    public static IReadOnlyList<string> Flags(IReadOnlyList<RunContents> runs, IReadOnlyList<ReportedFigure?> figures)
    {
        var present = figures.Select((f, i) => (Index: i, Figure: f)).Where(x => x.Figure is not null)
            .Select(x => (x.Index, Figure: x.Figure!, Run: runs[x.Index])).ToList();
        if (present.Count < 2) return [];
        var flags = new List<string>();
        void Rule(string what, Func<(int Index, ReportedFigure Figure, RunContents Run), string> valueOf)
        {
            var values = present.Select(p => (p.Index, Value: valueOf(p))).ToList();
            if (values.Select(v => v.Value).Distinct().Count() > 1)
                flags.Add($"{what} differ: {string.Join("; ", values.Select(v => $"[{v.Index + 1}] {v.Value}"))}");
        }
        Rule("data", p => p.Figure.Data);
        Rule("sample counts", p => p.Figure.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
        Rule("binarisation settings", p => Binarized(p.Run.Config.Options) ? "binarised" : "not binarised");
        Rule("estimator settings", p => Settings(p.Figure, present.Select(q => q.Figure)));
        Rule("kinds", p => p.Figure.Kind?.Name() ?? "not recorded");
        Rule("units", p => p.Figure.Unit ?? "none given");
        // A model's own loss is defined by the model: two models' proxies measure different things.
        if (present.All(p => p.Figure.FromTraining || p.Figure.Estimator == "loss") && present.Any(p => p.Figure.Kind is not (MetricKind.Exact or MetricKind.Bound)))
            Rule("models (each figure is its own model's objective)", p => p.Run.Config.Model);
        return flags;
    }

    static bool Binarized(JsonObject options) =>
        options.Any(p => string.Equals(p.Key, BinarizeOption, StringComparison.OrdinalIgnoreCase) && p.Value is JsonValue v && v.TryGetValue<bool>(out var on) && on);

    // The settings that differ among the figures, so a flag names only what matters (k=100 vs k=1000, not every option).
    static string Settings(ReportedFigure figure, IEnumerable<ReportedFigure> all)
    {
        var keys = all.SelectMany(f => f.Settings.Keys).Distinct().Order(StringComparer.Ordinal)
            .Where(key => all.Select(f => f.Settings.TryGetValue(key, out var v) ? v : null).Distinct().Count() > 1);
        var text = string.Join(",", keys.Select(key => $"{key}={(figure.Settings.TryGetValue(key, out var v) ? v : "(none)")}"));
        return text.Length == 0 ? "same" : text;
    }
}
