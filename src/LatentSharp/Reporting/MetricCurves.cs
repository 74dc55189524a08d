using System.Text;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static LatentSharp.Reporting.HtmlText;

namespace LatentSharp.Reporting;

/// <summary>
/// One figure's history as an inline SVG line chart: a line per split (train, test, validation) over
/// the epochs, broken and marked where a phase changes. Drawn as text so the page needs no picture
/// file and scales to any screen (the viewBox scales; text stays readable down to a phone's width).
/// </summary>
internal static class MetricCurves
{
    const double Width = 600, Height = 300, Left = 70, Right = 16, Top = 40, Bottom = 44;

    // Colours a reader learns once: train blue, test orange, validation green; others after them.
    static readonly IReadOnlyDictionary<string, string> SplitColours = new Dictionary<string, string>
    {
        ["train"] = "#1f77b4", ["test"] = "#e8710a", ["validation"] = "#2ca02c",
    };
    static readonly string[] OtherColours = ["#9467bd", "#8c564b", "#d62728", "#17becf"];

    /// <summary>
    /// The metrics a chart can be drawn for, each with its splits, in first-seen order:
    /// <c>loss</c> → [train, test] for keys <c>train.loss</c>, <c>test.loss</c>.
    /// </summary>
    public static IReadOnlyList<(string Metric, IReadOnlyList<string> Splits)> Series(IReadOnlyList<EpochRecord> epochs)
    {
        var order = new List<string>();
        var splits = new Dictionary<string, List<string>>();
        foreach (var key in epochs.SelectMany(e => e.Values.Keys))
        {
            int dot = key.IndexOf('.');
            if (dot <= 0 || dot == key.Length - 1) continue;
            var (split, metric) = (key[..dot], key[(dot + 1)..]);
            if (!splits.TryGetValue(metric, out var list)) { splits[metric] = list = []; order.Add(metric); }
            if (!list.Contains(split)) list.Add(split);
        }
        // The loss first: every run has it, and it is what a reader looks for.
        return order.OrderBy(m => m == "loss" ? 0 : 1).Select(m => (m, (IReadOnlyList<string>)splits[m])).ToList();
    }

    /// <summary>The SVG element for <paramref name="metric"/> over <paramref name="epochs"/>, or null when no epoch has a finite value of it.</summary>
    public static string? Svg(string metric, IReadOnlyList<string> splits, IReadOnlyList<EpochRecord> epochs)
    {
        var lines = splits.Select(split => (Split: split, Points: Points(epochs, $"{split}.{metric}"))).Where(l => l.Points.Any(p => double.IsFinite(p.Y))).ToList();
        if (lines.Count == 0) return null;
        var finite = lines.SelectMany(l => l.Points).Where(p => double.IsFinite(p.Y)).ToList();
        var (yLow, yHigh, yStep) = NiceRange(finite.Min(p => p.Y), finite.Max(p => p.Y));
        double xLow = epochs.Count == 1 ? 0.5 : finite.Min(p => p.X), xHigh = epochs.Count == 1 ? 1.5 : finite.Max(p => p.X);
        if (xHigh <= xLow) (xLow, xHigh) = (xLow - 0.5, xHigh + 0.5);
        double X(double x) => Left + (x - xLow) / (xHigh - xLow) * (Width - Left - Right);
        double Y(double y) => Height - Bottom - (y - yLow) / (yHigh - yLow) * (Height - Top - Bottom);

        var kinds = lines.Select(l => KindOf(epochs, $"{l.Split}.{metric}")).Where(k => k is not null).Distinct().ToList();
        var title = kinds.Count == 1 ? $"{metric} ({kinds[0]})" : metric;
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)} per epoch\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append($"<title>{Escape(title)} per epoch</title>");
        svg.Append($"<text class=\"chart-title\" x=\"{Left}\" y=\"16\">{Escape(title)}</text>");

        for (double tick = yLow; tick <= yHigh + yStep / 2; tick += yStep)
        {
            var y = Coordinate(Y(tick));
            svg.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Coordinate(Width - Right)}\" y1=\"{y}\" y2=\"{y}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Escape(Number(Math.Round(tick / yStep) * yStep))}</text>");
        }
        double xStep = Math.Max(1, NiceStep((xHigh - xLow) / 6));
        for (double tick = Math.Ceiling(xLow / xStep) * xStep; tick <= xHigh + 1e-9; tick += xStep)
        {
            var x = Coordinate(X(tick));
            svg.Append($"<line class=\"axis\" x1=\"{x}\" x2=\"{x}\" y1=\"{Coordinate(Height - Bottom)}\" y2=\"{Coordinate(Height - Bottom + 5)}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{x}\" y=\"{Coordinate(Height - Bottom + 18)}\" text-anchor=\"middle\">{Escape(Number(tick))}</text>");
        }
        svg.Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Coordinate(Width - Right)}\" y1=\"{Coordinate(Height - Bottom)}\" y2=\"{Coordinate(Height - Bottom)}\"/>");
        svg.Append($"<text class=\"tick\" x=\"{Coordinate((Left + Width - Right) / 2)}\" y=\"{Coordinate(Height - 6)}\" text-anchor=\"middle\">epoch</text>");

        var boundaries = LineChart.PhaseBoundaries(epochs);
        foreach (var boundary in boundaries)
        {
            var x = Coordinate(X(boundary.X));
            svg.Append($"<line class=\"phase\" x1=\"{x}\" x2=\"{x}\" y1=\"{Top}\" y2=\"{Coordinate(Height - Bottom)}\"/>");
            svg.Append($"<text class=\"phase-label\" x=\"{x}\" y=\"{Top - 4}\" text-anchor=\"middle\">{Escape(boundary.Phase)}</text>");
        }

        // One text element, so the entries flow at whatever font size the page sets (larger on a phone).
        svg.Append($"<text class=\"legend\" x=\"{Coordinate(Width - Right)}\" y=\"16\" text-anchor=\"end\">");
        for (int i = 0; i < lines.Count; i++)
            svg.Append($"<tspan fill=\"{ColourOf(lines[i].Split, i)}\">{(i > 0 ? "\u2003" : "")}\u25A0 {Escape(lines[i].Split)}</tspan>");
        svg.Append("</text>");

        for (int i = 0; i < lines.Count; i++)
        {
            var colour = ColourOf(lines[i].Split, i);
            foreach (var segment in Segments(lines[i].Points, boundaries))
            {
                var points = string.Join(" ", segment.Select(p => $"{Coordinate(X(p.X))},{Coordinate(Y(p.Y))}"));
                if (segment.Count > 1) svg.Append($"<polyline class=\"series\" stroke=\"{colour}\" points=\"{points}\"/>");
                if (segment.Count <= 40)
                    foreach (var p in segment)
                        svg.Append($"<circle cx=\"{Coordinate(X(p.X))}\" cy=\"{Coordinate(Y(p.Y))}\" r=\"3\" fill=\"{colour}\"><title>{Escape($"{lines[i].Split} {metric}, epoch {Number(p.X)}: {Number(p.Y)}")}</title></circle>");
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    static string ColourOf(string split, int index) =>
        SplitColours.TryGetValue(split, out var colour) ? colour : OtherColours[index % OtherColours.Length];

    static string? KindOf(IReadOnlyList<EpochRecord> epochs, string key) =>
        epochs.Select(e => e.Kinds.TryGetValue(key, out var kind) ? kind.Name() : null).LastOrDefault(k => k is not null);

    static List<(double X, double Y)> Points(IReadOnlyList<EpochRecord> epochs, string key) =>
        epochs.Select((e, i) => (X: e.Values.TryGetValue("epoch", out var x) ? x : i + 1, Y: e.Values.TryGetValue(key, out var y) ? y : double.NaN)).ToList();

    // Runs of finite points, cut where a value is missing or a phase starts, so no line crosses either.
    static IEnumerable<List<(double X, double Y)>> Segments(List<(double X, double Y)> points, IReadOnlyList<PhaseBoundary> boundaries)
    {
        var current = new List<(double X, double Y)>();
        foreach (var point in points)
        {
            bool crossesPhase = current.Count > 0 && boundaries.Any(b => current[^1].X < b.X && b.X < point.X);
            if (!double.IsFinite(point.Y) || crossesPhase)
            {
                if (current.Count > 0) yield return current;
                current = [];
            }
            if (double.IsFinite(point.Y)) current.Add(point);
        }
        if (current.Count > 0) yield return current;
    }

    /// <summary>Axis limits on round numbers around [low, high], with the tick step between them.</summary>
    internal static (double Low, double High, double Step) NiceRange(double low, double high)
    {
        if (high - low < 1e-12 * Math.Max(1, Math.Abs(high)))
        {
            double pad = Math.Abs(high) > 0 ? Math.Abs(high) * 0.05 : 1;
            (low, high) = (low - pad, high + pad);
        }
        double step = NiceStep((high - low) / 5);
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    // 1, 2 or 5 times a power of ten, at least `rough`.
    static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }
}
