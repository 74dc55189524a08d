using System.Text;
using LatentSharp.IO;
using LatentSharp.Models;
using static LatentSharp.Reporting.HtmlText;

namespace LatentSharp.Reporting;

/// <summary>
/// A <see cref="RunComparison"/> as one self-contained HTML page (<c>latent compare --out compare.html</c>):
/// the runs, then the figures with a column per run; a line that is not comparable is marked and its
/// reasons are written in its last cell.
/// </summary>
public static class ComparisonPage
{
    /// <summary>Writes the page to <paramref name="path"/> atomically.</summary>
    public static void Write(RunComparison comparison, string path, ComparisonPageText? text = null) => AtomicFile.WriteText(path, Html(comparison, text));

    /// <summary>The page; <paramref name="text"/> replaces the title, lead and footer of <c>latent compare</c>'s page and adds notes.</summary>
    public static string Html(RunComparison comparison, ComparisonPageText? text = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var title = text?.Title ?? $"Comparison of {comparison.Runs.Count} runs";
        var html = new StringBuilder(PageStyle.Head($"{title} — LatentSharp"));
        html.Append($"<h1>{Escape(title)}</h1>\n");
        if (text is not null) html.Append($"<p class=\"lead\">{Escape(text.Lead)}</p>\n");
        html.Append("<p class=\"lead\">Figures aligned by metric, split and estimator. A line marked <span class=\"flag\">not comparable</span> " +
                    "holds figures of different data, binarisation, estimator settings or kind: its values must not be read side by side.</p>\n");
        html.Append("<h2 id=\"runs\">Runs</h2>\n<div class=\"scroll\"><table id=\"run-table\">\n<thead><tr><th>#</th><th>run</th><th>model</th><th>epochs</th><th>data</th><th>folder</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            var run = comparison.Runs[i];
            html.Append($"<tr><td>[{i + 1}]</td><td class=\"name\">{Escape(run.Name)}</td><td>{Escape(run.Config.Model)}</td><td class=\"num\">{run.Epochs.Count}</td>" +
                        $"<td class=\"wrap\">{Escape(run.Config.Data)}</td><td class=\"wrap\"><code>{Escape(Path.GetFullPath(run.Directory))}</code></td></tr>\n");
        }
        html.Append("</tbody></table></div>\n");
        foreach (var note in text?.Notes ?? []) html.Append($"<div class=\"note\">{Escape(note)}</div>\n");
        foreach (var (run, index) in comparison.Runs.Select((r, i) => (r, i)))
            foreach (var problem in run.Problems) html.Append($"<div class=\"note\">[{index + 1}] not shown: {Escape(problem)}</div>\n");

        html.Append("<h2 id=\"figures\">Figures</h2>\n");
        if (comparison.Rows.Count == 0) html.Append("<p>No figures: none of the runs has a finished epoch or an evaluation.</p>\n");
        else
        {
            html.Append("<div class=\"scroll\"><table id=\"comparison-table\">\n<thead><tr><th>metric</th><th>split</th><th>from</th>");
            for (int i = 0; i < comparison.Runs.Count; i++) html.Append($"<th>[{i + 1}] {Escape(comparison.Runs[i].Name)}</th>");
            html.Append("<th>comparable?</th></tr></thead>\n<tbody>\n");
            foreach (var row in comparison.Rows)
            {
                var cellClass = row.Comparable ? "num" : "num flagged";
                html.Append($"<tr><td class=\"metric\">{MetricName(row.Metric)}</td><td>{Escape(row.Split)}</td><td><code>{Escape(row.Source)}</code></td>");
                foreach (var figure in row.Figures) html.Append($"<td class=\"{cellClass}\">{Cell(figure)}</td>");
                html.Append(row.Comparable
                    ? "<td>yes</td>"
                    : $"<td class=\"wrap\"><span class=\"flag\">not comparable</span> {Escape(string.Join("; ", row.Flags))}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody></table></div>\n");
        }
        html.Append($"<footer>Written by LatentSharp {Escape(ModelFile.LibraryVersion)} with <code>{Escape(text?.WrittenBy ?? "latent compare")}</code>.</footer>\n");
        html.Append(PageStyle.Tail);
        return html.ToString();
    }

    static string Cell(ReportedFigure? figure) => figure is null
        ? "—"
        : Escape(Number(figure.Value)) + (figure.StandardError is { } se ? " ± " + Escape(Error(se)) : "") + " " + RunReport.KindBadge(figure.Kind);
}
