using LatentSharp.IO;
using ScottPlot;

namespace LatentSharp.Visualization;

/// <summary>Line charts of training progress (loss curves) rendered to PNG with ScottPlot; files are written atomically.</summary>
public static class LineChart
{
    /// <summary>Most points for which each point also gets a marker; denser curves are drawn as lines only.</summary>
    private const int MarkerPointLimit = 60;

    /// <summary>Saves one chart with a line per series, a legend, and axis labels.</summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="title">Title drawn above the chart (may be empty).</param>
    /// <param name="xLabel">Label of the horizontal axis, e.g. <c>epoch</c>.</param>
    /// <param name="yLabel">Label of the vertical axis, e.g. <c>loss</c>.</param>
    /// <param name="series">
    /// Name (shown in the legend) and points of each line; X and Y of a series have the same length ≥ 1.
    /// Non-finite points (NaN, ±∞) are left out so one diverged value does not flatten the chart.
    /// </param>
    /// <param name="width">Image width in pixels, in [100, 10000].</param>
    /// <param name="height">Image height in pixels, in [100, 10000].</param>
    /// <exception cref="ArgumentException">No series, a null name, or X and Y of different lengths.</exception>
    public static void SaveCurves(
        string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        int width = 800, int height = 500)
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(series);
        ChartRendering.CheckSize(width, height);
        if (series.Count == 0)
            throw new ArgumentException("At least one series is needed.", nameof(series));
        for (var s = 0; s < series.Count; s++)
        {
            var (name, x, y) = series[s];
            if (name is null || x is null || y is null)
                throw new ArgumentException($"Series {s} has a null name, X or Y.", nameof(series));
            if (x.Count != y.Count || x.Count == 0)
                throw new ArgumentException($"Series {s} ('{name}') needs X and Y of one length ≥ 1; got {x.Count} and {y.Count}.", nameof(series));
        }

        var plot = ChartRendering.CreatePlot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < series.Count; s++)
        {
            var (name, x, y) = series[s];
            var (xs, ys) = FinitePoints(x, y);
            if (xs.Length == 0)
                continue;
            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(s));
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = xs.Length <= MarkerPointLimit ? 6 : 0;
        }
        plot.Title(title ?? string.Empty);
        plot.XLabel(xLabel ?? string.Empty);
        plot.YLabel(yLabel ?? string.Empty);
        plot.ShowLegend(Alignment.UpperRight);
        ChartRendering.SavePng(plot, fullPath, width, height);
    }

    /// <summary>
    /// Plots every loss metric of a training run against the epoch on one chart: each key that is
    /// <c>loss</c> or ends in <c>.loss</c> (<c>train.loss</c>, <c>validation.loss</c>, <c>test.loss</c>)
    /// becomes a line named by its key; other metrics are ignored. X is the <c>epoch</c> value of each
    /// dictionary, or its 1-based position when a dictionary has no <c>epoch</c>.
    /// </summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="epochMetrics">One dictionary of metrics per epoch, in training order.</param>
    /// <exception cref="ArgumentException">No epochs, or no loss key in any of them (the message lists the keys found).</exception>
    public static void SaveTrainingCurves(string path, IReadOnlyList<IReadOnlyDictionary<string, double>> epochMetrics)
    {
        ArgumentNullException.ThrowIfNull(epochMetrics);
        if (epochMetrics.Count == 0)
            throw new ArgumentException("At least one epoch of metrics is needed.", nameof(epochMetrics));
        if (epochMetrics.Any(metrics => metrics is null))
            throw new ArgumentException("An epoch's metrics dictionary is null.", nameof(epochMetrics));

        var lossKeys = epochMetrics.SelectMany(metrics => metrics.Keys).Where(IsLossKey).Distinct().ToList();
        if (lossKeys.Count == 0)
        {
            var found = epochMetrics.SelectMany(metrics => metrics.Keys).Distinct().Order(StringComparer.Ordinal);
            throw new ArgumentException(
                $"No loss metric to plot: expected keys 'loss' or '<split>.loss' such as 'train.loss'; found: {string.Join(", ", found)}.",
                nameof(epochMetrics));
        }

        var series = new List<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)>(lossKeys.Count);
        foreach (var key in lossKeys)
        {
            var x = new List<double>();
            var y = new List<double>();
            for (var e = 0; e < epochMetrics.Count; e++)
            {
                if (!epochMetrics[e].TryGetValue(key, out var value))
                    continue;
                x.Add(epochMetrics[e].TryGetValue("epoch", out var epoch) ? epoch : e + 1);
                y.Add(value);
            }
            series.Add((key, x, y));
        }
        SaveCurves(path, "Training curves", "epoch", "loss", series);
    }

    private static bool IsLossKey(string key) =>
        key == "loss" || key.EndsWith(".loss", StringComparison.Ordinal);

    private static (double[] X, double[] Y) FinitePoints(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var xs = new List<double>(x.Count);
        var ys = new List<double>(y.Count);
        for (var i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                continue;
            xs.Add(x[i]);
            ys.Add(y[i]);
        }
        return (xs.ToArray(), ys.ToArray());
    }
}
