using System.Diagnostics;
using System.Globalization;
using LatentSharp.Training;

namespace LatentSharp.Cli.Rendering;

/// <summary>
/// Renders training progress: on a terminal, one redrawn line with a bar, throughput and ETA;
/// in a log, one line per epoch. Reports arrive synchronously on the training thread.
/// </summary>
public sealed class ProgressRenderer(TextWriter writer, bool interactive) : IProgress<TrainingProgress>
{
    readonly Stopwatch _sinceDraw = Stopwatch.StartNew();

    /// <inheritdoc />
    public void Report(TrainingProgress p)
    {
        if (p.EpochMetrics is { } metrics)
        {
            if (interactive) writer.Write("\r\u001b[2K");
            writer.WriteLine($"epoch {p.Epoch + 1}/{p.Epochs}  " + string.Join("  ", metrics
                .Where(kv => kv.Key is not ("epoch" or "step"))
                .Select(kv => $"{kv.Key} {kv.Value.ToString(kv.Key == "seconds" ? "F1" : "G5", CultureInfo.InvariantCulture)}")));
            foreach (var warning in p.Warnings ?? [])
                writer.WriteLine($"warning [{warning.Name}] epoch {p.Epoch + 1}: {warning.Message}");
            writer.Flush();
            return;
        }
        if (!interactive || _sinceDraw.ElapsedMilliseconds < 200) return;
        _sinceDraw.Restart();
        const int width = 28;
        double fraction = p.BatchesPerEpoch == 0 ? 1 : (double)p.BatchInEpoch / p.BatchesPerEpoch;
        int filled = (int)Math.Round(fraction * width);
        writer.Write($"\r\u001b[2Kepoch {p.Epoch + 1}/{p.Epochs} [{new string('#', filled)}{new string('-', width - filled)}] " +
                     $"{fraction * 100,3:F0}%  loss {p.Loss.ToString("G5", CultureInfo.InvariantCulture)}  " +
                     $"{p.SamplesPerSecond:F0} samples/s  ETA {Format(p.Remaining)}");
        writer.Flush();
    }

    static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
