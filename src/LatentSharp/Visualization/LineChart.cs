using LatentSharp.IO;
using LatentSharp.Training;
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
        int width = 800, int height = 500) =>
        SaveCurves(path, title, xLabel, yLabel, series, [], width, height);

    static void SaveCurves(
        string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        IReadOnlyList<PhaseBoundary> boundaries, int width, int height, bool epochAxis = false)
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        var plot = BuildPlot(title, xLabel, yLabel, series, boundaries, width, height, epochAxis);
        ChartRendering.SavePng(plot, fullPath, width, height);
    }

    /// <summary>The chart the SaveCurves methods render; with <paramref name="epochAxis"/>, X ticks sit on whole epochs.</summary>
    internal static Plot BuildPlot(
        string title, string xLabel, string yLabel,
        IReadOnlyList<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        IReadOnlyList<PhaseBoundary> boundaries, int width, int height, bool epochAxis)
    {
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
        double first = double.PositiveInfinity, last = double.NegativeInfinity, low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (var s = 0; s < series.Count; s++)
        {
            var (name, x, y) = series[s];
            var (xs, ys) = FinitePoints(x, y);
            if (xs.Length == 0)
                continue;
            first = Math.Min(first, xs.Min());
            last = Math.Max(last, xs.Max());
            low = Math.Min(low, ys.Min());
            high = Math.Max(high, ys.Max());
            // A line never joins the last epoch of one phase to the first of the next: their losses measure different things.
            bool named = false;
            foreach (var (segmentX, segmentY) in Segments(xs, ys, boundaries))
            {
                var line = plot.Add.ScatterLine(segmentX, segmentY, palette.GetColor(s));
                if (!named) line.LegendText = name;
                named = true;
                line.LineWidth = 2;
                line.MarkerSize = xs.Length <= MarkerPointLimit ? 6 : 0;
            }
        }
        if (boundaries.Count > 0 && low <= high)
        {
            // Phase names go inside the plot, in a band kept free above the highest point: ScottPlot's own
            // line labels sit on an axis edge, over the tick labels or the title.
            var span = high > low ? high - low : Math.Max(Math.Abs(high), 1);
            plot.Axes.SetLimitsY(low - 0.05 * span, high + 0.15 * span);
            foreach (var boundary in boundaries)
            {
                var marker = plot.Add.VerticalLine(boundary.X, 1.5f, Colors.Gray, LinePattern.Dashed);
                marker.ExcludeFromLegend = true;
                var name = plot.Add.Text(boundary.Phase, boundary.X, high + 0.08 * span);
                name.LabelAlignment = Alignment.MiddleCenter;
                name.LabelFontColor = Colors.DimGray;
                name.LabelBackgroundColor = Colors.White;
            }
        }
        if (epochAxis && first <= last)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach (var epoch in EpochAxis.Ticks(first, last))
                ticks.AddMajor(epoch, epoch.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
            plot.Axes.Bottom.TickGenerator = ticks;
            // Half an epoch of margin each side, so the first and last points are not on the frame.
            plot.Axes.SetLimitsX(Math.Floor(first) - 0.5, Math.Ceiling(last) + 0.5);
        }
        plot.Title(title ?? string.Empty);
        plot.XLabel(xLabel ?? string.Empty);
        plot.YLabel(yLabel ?? string.Empty);
        plot.ShowLegend(boundaries.Count > 0 ? Alignment.LowerLeft : Alignment.UpperRight); // losses fall: the lower left is usually free
        return plot;
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

        var series = LossSeries(epochMetrics, nameof(epochMetrics));
        SaveCurves(path, "Training curves", EpochAxis.Label, "loss", series, [], 800, 500, epochAxis: true);
    }

    /// <summary>
    /// Plots every loss metric of a run's <paramref name="epochs"/> (see the dictionary overload) and
    /// marks where the phase changes: a dashed vertical line, labelled with the new phase's name,
    /// between the last epoch of one phase and the first of the next (<see cref="PhaseBoundaries"/>).
    /// Lines are broken there, so no phase's curve runs into the next one's.
    /// </summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="epochs">One record per epoch, in training order (metrics.jsonl, <see cref="MetricsFile.Read"/>).</param>
    /// <param name="lossLabel">Label of the loss axis, with its unit, e.g. <c>loss per sample (binary cross-entropy, nats)</c>.</param>
    /// <exception cref="ArgumentException">No epochs, or no loss key in any of them.</exception>
    public static void SaveTrainingCurves(string path, IReadOnlyList<EpochRecord> epochs, string lossLabel = "loss")
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        ChartRendering.SavePng(BuildTrainingPlot(epochs, lossLabel), fullPath, TrainingWidth, TrainingHeight);
    }

    const int TrainingWidth = 800, TrainingHeight = 500;

    /// <summary>The chart <see cref="SaveTrainingCurves(string, IReadOnlyList{EpochRecord}, string)"/> renders.</summary>
    internal static Plot BuildTrainingPlot(IReadOnlyList<EpochRecord> epochs, string lossLabel)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Any(record => record is null))
            throw new ArgumentException("An epoch record is null.", nameof(epochs));
        var values = epochs.Select(record => record.Values).ToList();
        var series = LossSeries(values, nameof(epochs));
        var boundaries = PhaseBoundaries(epochs);
        var title = TrainingTitle(epochs);
        return BuildPlot(title, EpochAxis.Label, lossLabel, series, boundaries, TrainingWidth, TrainingHeight, epochAxis: true);
    }

    /// <summary>"Training curves", naming the phases in order when there are several (the first has no dashed line of its own).</summary>
    internal static string TrainingTitle(IReadOnlyList<EpochRecord> epochs)
    {
        var phases = epochs.Select(record => record.Phase).Where(phase => phase is not null).Distinct().ToList();
        if (phases.Count <= 1) return "Training curves";
        return phases.Count <= 6
            ? $"Training curves, phases {string.Join(" → ", phases)} (dashed lines)"
            : $"Training curves ({phases.Count} phases, changes dashed)";
    }

    /// <summary>
    /// Where the phase changes in <paramref name="epochs"/>: for each epoch whose phase differs from
    /// the previous epoch's, the X halfway between the two epochs (by their <c>epoch</c> value, else
    /// their 1-based position) and the new phase's name. Empty for a run without phases or with one.
    /// </summary>
    public static IReadOnlyList<PhaseBoundary> PhaseBoundaries(IReadOnlyList<EpochRecord> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var boundaries = new List<PhaseBoundary>();
        for (var e = 1; e < epochs.Count; e++)
        {
            if (epochs[e].Phase == epochs[e - 1].Phase)
                continue;
            double previous = EpochX(epochs[e - 1].Values, e - 1), next = EpochX(epochs[e].Values, e);
            boundaries.Add(new PhaseBoundary((previous + next) / 2, epochs[e].Phase ?? "(no phase)"));
        }
        return boundaries;
    }

    private static double EpochX(IReadOnlyDictionary<string, double> metrics, int index) =>
        metrics.TryGetValue("epoch", out var epoch) ? epoch : index + 1;

    // Splits a series at every boundary that falls between two of its points.
    private static IEnumerable<(double[] X, double[] Y)> Segments(double[] xs, double[] ys, IReadOnlyList<PhaseBoundary> boundaries)
    {
        var start = 0;
        for (var i = 1; i <= xs.Length; i++)
        {
            if (i < xs.Length && !boundaries.Any(b => xs[i - 1] < b.X && b.X < xs[i]))
                continue;
            yield return (xs[start..i], ys[start..i]);
            start = i;
        }
    }

    private static List<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> LossSeries(
        IReadOnlyList<IReadOnlyDictionary<string, double>> epochMetrics, string parameterName)
    {
        if (epochMetrics.Count == 0)
            throw new ArgumentException("At least one epoch of metrics is needed.", parameterName);
        var lossKeys = epochMetrics.SelectMany(metrics => metrics.Keys).Where(IsLossKey).Distinct().ToList();
        if (lossKeys.Count == 0)
        {
            var found = epochMetrics.SelectMany(metrics => metrics.Keys).Distinct().Order(StringComparer.Ordinal);
            throw new ArgumentException(
                $"No loss metric to plot: expected keys 'loss' or '<split>.loss' such as 'train.loss'; found: {string.Join(", ", found)}.",
                parameterName);
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
                x.Add(EpochX(epochMetrics[e], e));
                y.Add(value);
            }
            series.Add((key, x, y));
        }
        return series;
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
