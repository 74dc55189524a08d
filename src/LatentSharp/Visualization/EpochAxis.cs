namespace LatentSharp.Visualization;

/// <summary>
/// Ticks of a chart's epoch axis. An epoch is a whole pass over the training data, so ticks sit on
/// whole epochs only (ScottPlot's automatic ticks put them at 0.5, 1.5, … on a short run), at steps of
/// 1, 2 or 5 × 10ⁿ epochs, so that at most <see cref="MaximumTicks"/> are drawn.
/// </summary>
internal static class EpochAxis
{
    /// <summary>Most ticks drawn on the epoch axis.</summary>
    public const int MaximumTicks = 10;

    /// <summary>Label of the epoch axis, with its unit.</summary>
    public const string Label = "epoch (passes over the training data)";

    /// <summary>Whole-number tick positions covering [<paramref name="first"/>, <paramref name="last"/>] (rounded outwards).</summary>
    public static IReadOnlyList<double> Ticks(double first, double last)
    {
        if (!double.IsFinite(first) || !double.IsFinite(last) || last < first)
            throw new ArgumentException($"The epoch range [{first}, {last}] is not a finite range.", nameof(last));
        var low = (long)Math.Floor(first);
        var high = (long)Math.Ceiling(last);
        var step = Step(high - low);
        var start = (long)Math.Ceiling(low / (double)step) * step;
        var ticks = new List<double>();
        for (var t = start; t <= high; t += step) ticks.Add(t);
        return ticks;
    }

    // The smallest of 1, 2, 5, 10, 20, 50, … that needs at most MaximumTicks ticks over the span.
    private static long Step(long span)
    {
        for (long power = 1; ; power *= 10)
            foreach (var factor in new long[] { 1, 2, 5 })
                if (span / (factor * power) + 1 <= MaximumTicks)
                    return factor * power;
    }
}
