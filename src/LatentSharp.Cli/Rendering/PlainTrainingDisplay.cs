using LatentSharp.Training;

namespace LatentSharp.Cli.Rendering;

/// <summary>
/// Training progress for logs and pipes: one line per epoch with its figures, one per warning, and
/// a last line with the time taken. No bar, no ANSI codes, no carriage returns.
/// (The files written are listed on standard output by the command.)
/// </summary>
public sealed class PlainTrainingDisplay(TextWriter writer) : ITrainingDisplay
{
    /// <inheritdoc />
    public T Run<T>(Func<T> training) => training();

    /// <inheritdoc />
    public void Report(TrainingProgress p)
    {
        if (p.EpochMetrics is not { } metrics) return;
        writer.WriteLine($"epoch {p.Epoch + 1}/{p.Epochs}  " + string.Join("  ", EpochFigures.Of(metrics).Select(f => $"{f.Label} {f.Value}")));
        foreach (var warning in p.Warnings ?? [])
            writer.WriteLine($"warning [{warning.Name}] epoch {p.Epoch + 1}: {warning.Message}");
        writer.Flush();
    }

    /// <inheritdoc />
    public void Finished(TimeSpan elapsed, IReadOnlyList<RunFile> files, string runDirectory)
    {
        writer.WriteLine($"done in {EpochFigures.Format(elapsed)}; {files.Count} files in {runDirectory}");
        writer.Flush();
    }
}
