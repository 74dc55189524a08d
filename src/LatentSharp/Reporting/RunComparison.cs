namespace LatentSharp.Reporting;

/// <summary>
/// Figures of several runs side by side: one <see cref="ComparisonRow"/> per figure, aligned by metric,
/// split and estimator, each with the reasons (if any) its values are not comparable. Nothing is aligned
/// silently: when the runs differ in data, binarisation, estimator settings or kind, the row says so.
/// <c>latent compare</c> prints it (<see cref="ComparisonTable"/>) and writes it as a page (<see cref="ComparisonPage"/>).
/// </summary>
/// <param name="Runs">The runs, in the order given (columns [1], [2], ...).</param>
/// <param name="Rows">The figures: training figures and evaluation results in the order first seen.</param>
public sealed record RunComparison(IReadOnlyList<RunContents> Runs, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>Reads the runs in <paramref name="runDirectories"/> and compares them.</summary>
    /// <exception cref="ArgumentException">Fewer than two runs.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder does not exist.</exception>
    /// <exception cref="Training.Checkpoints.CheckpointException">A folder holds no run.</exception>
    public static RunComparison Of(IEnumerable<string> runDirectories)
    {
        ArgumentNullException.ThrowIfNull(runDirectories);
        var directories = runDirectories.ToList();
        if (directories.Count < 2) throw new ArgumentException($"compare needs at least two runs; {directories.Count} given.", nameof(runDirectories));
        return Of(directories.Select(RunContents.Read).ToList());
    }

    /// <summary>Compares runs already read.</summary>
    public static RunComparison Of(IReadOnlyList<RunContents> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var all = runs.SelectMany((run, index) => run.Figures.Select(figure => (Run: index, Figure: figure))).ToList();
        var rows = new List<ComparisonRow>();
        foreach (var group in all.GroupBy(x => (x.Figure.Metric, x.Figure.Split, x.Figure.Estimator)))
        {
            bool onePerRun = group.GroupBy(x => x.Run).All(g => g.Count() == 1);
            if (onePerRun)
            {
                rows.Add(Row(runs, group.Key, null, group));
                continue;
            }
            // A run holds several results of this estimator (other settings or other data): one row per
            // result, so each row aligns only like with like.
            var variants = group.GroupBy(x => (x.Figure.Spec, x.Figure.Data)).ToList();
            bool specsDiffer = variants.Select(v => v.Key.Spec).Distinct().Count() > 1;
            bool dataDiffer = variants.Select(v => v.Key.Data).Distinct().Count() > 1;
            foreach (var variant in variants)
            {
                var name = (specsDiffer || !dataDiffer ? variant.Key.Spec : "") + (dataDiffer ? $"{(specsDiffer ? " " : "")}on {variant.Key.Data}" : "");
                rows.Add(Row(runs, group.Key, name, variant));
            }
        }
        return new RunComparison(runs, rows);
    }

    static ComparisonRow Row(IReadOnlyList<RunContents> runs, (string Metric, string Split, string Estimator) key, string? variant,
        IEnumerable<(int Run, ReportedFigure Figure)> figures)
    {
        var cells = new ReportedFigure?[runs.Count];
        foreach (var (run, figure) in figures) cells[run] = figure;   // the latest result when one run has two of a variant
        return new ComparisonRow(key.Metric, key.Split, key.Estimator, variant, cells, Comparability.Flags(runs, cells));
    }
}
