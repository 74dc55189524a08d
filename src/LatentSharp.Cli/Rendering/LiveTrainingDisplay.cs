using System.Globalization;
using LatentSharp.Training;
using Spectre.Console;

namespace LatentSharp.Cli.Rendering;

/// <summary>
/// Training progress on a terminal (Spectre.Console): a bar within each epoch with its loss, rate
/// and the time left in the run; each finished epoch's figures as a table row above the bar; at the
/// end the time taken and a table of the files the run folder holds.
/// </summary>
public sealed class LiveTrainingDisplay(IAnsiConsole console) : ITrainingDisplay
{
    readonly EpochTable _table = new();
    ProgressContext? _context;
    ProgressTask? _bar;
    int _barEpoch = -1;

    /// <inheritdoc />
    public T Run<T>(Func<T> training) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RunRemainingColumn())
            .Start(context =>
            {
                _context = context;
                try { return training(); }
                finally { _context = null; }
            });

    /// <inheritdoc />
    public void Report(TrainingProgress p)
    {
        if (p.EpochMetrics is { } metrics)
        {
            // Written through the console while the bar is live: Spectre prints it above the bar.
            console.Write(_table.Row(p.Epoch + 1, p.Epochs, metrics));
            foreach (var warning in p.Warnings ?? [])
                console.MarkupLine($"[yellow]warning[/] [[{Markup.Escape(warning.Name)}]] epoch {p.Epoch + 1}: {Markup.Escape(warning.Message)}");
            _bar?.StopTask();
            return;
        }
        if (_context is null) return;
        if (_bar is null || _barEpoch != p.Epoch)
        {
            _bar?.StopTask();
            _bar = _context.AddTask($"epoch {p.Epoch + 1}/{p.Epochs}", maxValue: Math.Max(1, p.BatchesPerEpoch));
            _barEpoch = p.Epoch;
        }
        _bar.Description = $"epoch {p.Epoch + 1}/{p.Epochs}  loss {p.Loss.ToString("G5", CultureInfo.InvariantCulture)}";
        _bar.State.Update<double>(RateColumn.Key, _ => p.SamplesPerSecond);
        _bar.State.Update<double>(RunRemainingColumn.Key, _ => p.Remaining.TotalSeconds);
        _bar.Value = p.BatchInEpoch;
    }

    /// <inheritdoc />
    public void Finished(TimeSpan elapsed, IReadOnlyList<RunFile> files, string runDirectory)
    {
        console.MarkupLine($"[green]Done[/] in {EpochFigures.Format(elapsed)}. {Markup.Escape(runDirectory)} holds:");
        var table = new Table().Border(TableBorder.Simple).AddColumn("file").AddColumn("what it holds");
        foreach (var file in files) table.AddRow(Markup.Escape(file.Name), Markup.Escape(file.Description));
        console.Write(table);
    }
}
