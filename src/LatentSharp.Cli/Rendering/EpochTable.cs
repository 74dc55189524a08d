using Spectre.Console;
using Spectre.Console.Rendering;

namespace LatentSharp.Cli.Rendering;

/// <summary>
/// Epoch figures as the rows of one table, printed a row at a time (each epoch as it ends, above the
/// live bar): fixed column widths keep the rows aligned; a header is printed first and again when
/// the figures change (a new training phase).
/// </summary>
internal sealed class EpochTable
{
    const int MinimumWidth = 9;
    IReadOnlyList<string>? _labels;
    int[] _widths = [];

    /// <summary>The renderable for one epoch: its row, after a header when the columns are new.</summary>
    public IRenderable Row(int epoch, int epochs, IReadOnlyDictionary<string, double> metrics)
    {
        var figures = EpochFigures.Of(metrics);
        var labels = figures.Select(f => f.Label).ToList();
        bool header = _labels is null || !_labels.SequenceEqual(labels);
        if (header)
        {
            _labels = labels;
            _widths = [Math.Max(5, $"{epochs}/{epochs}".Length), .. labels.Select(l => Math.Max(MinimumWidth, l.Length))];
        }
        var grid = new Grid();
        foreach (var width in _widths) grid.AddColumn(new GridColumn().Width(width).RightAligned().NoWrap());
        if (header) grid.AddRow([new Markup("[bold]epoch[/]"), .. labels.Select(l => new Markup($"[bold]{Markup.Escape(l)}[/]"))]);
        grid.AddRow([new Text($"{epoch}/{epochs}"), .. figures.Select(f => new Text(f.Value))]);
        return grid;
    }
}
