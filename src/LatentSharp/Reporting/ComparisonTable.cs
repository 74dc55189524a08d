using System.Text;

namespace LatentSharp.Reporting;

/// <summary>
/// A <see cref="RunComparison"/> as plain text for a terminal: the runs numbered [1], [2], ...; one
/// line per figure with a column per run (value ± standard error, kind); a line that is not
/// comparable ends in <c>!N</c>, and the reasons are listed under the table.
/// </summary>
public static class ComparisonTable
{
    /// <summary>The table as lines of text (no trailing newline).</summary>
    public static string Text(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine("runs");
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            var run = comparison.Runs[i];
            text.AppendLine($"  [{i + 1}] {run.Name}: {run.Config.Model}, {run.Epochs.Count} epoch(s), data {run.Config.Data} ({run.Directory})");
        }
        foreach (var (run, index) in comparison.Runs.Select((r, i) => (r, i)))
            foreach (var problem in run.Problems) text.AppendLine($"  note: [{index + 1}] {problem}");
        text.AppendLine();
        if (comparison.Rows.Count == 0)
        {
            text.Append("No figures: none of the runs has a finished epoch or an evaluation.");
            return text.ToString();
        }

        var header = new List<string> { "metric", "split", "from" };
        header.AddRange(comparison.Runs.Select((r, i) => $"[{i + 1}] {r.Name}"));
        header.Add("");
        var lines = new List<List<string>> { header };
        var reasons = new List<string>();
        foreach (var row in comparison.Rows)
        {
            var line = new List<string> { row.Metric, row.Split, row.Source };
            line.AddRange(row.Figures.Select(Cell));
            if (row.Comparable) line.Add("");
            else
            {
                reasons.Add($"  !{reasons.Count + 1} {row.Metric} {row.Split} ({row.Source}): {string.Join("; also ", row.Flags)}");
                line.Add($"!{reasons.Count}");
            }
            lines.Add(line);
        }
        var widths = Enumerable.Range(0, header.Count).Select(c => lines.Max(l => l[c].Length)).ToArray();
        foreach (var line in lines)
            text.AppendLine(string.Join("  ", line.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        if (reasons.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("not comparable (do not read these lines side by side):");
            foreach (var reason in reasons) text.AppendLine(reason);
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>One run's figure: value, ± standard error, kind; "—" when the run has none.</summary>
    internal static string Cell(ReportedFigure? figure) => figure is null
        ? "—"
        : HtmlText.Number(figure.Value) + (figure.StandardError is { } se ? " ± " + HtmlText.Error(se) : "") + (figure.Kind is { } kind ? " " + Training.MetricKinds.Name(kind) : "");
}
