namespace LatentSharp.Training;

/// <summary>
/// A named condition found in a run: a failure (<c>diverged</c>, which stops it) or a warning
/// (<c>discriminator-stuck</c>, <c>mode-collapse</c>, ...) that the run continues with. Warnings are
/// written on the epoch's metrics.jsonl line (<see cref="EpochRecord.Warnings"/>) and shown by the CLI;
/// a divergence is written to failure.json (<see cref="RunFailure"/>).
/// </summary>
/// <param name="Name">Stable kebab-case name, e.g. <c>mode-collapse</c>: what scripts match on.</param>
/// <param name="Message">One sentence for people: what was seen, with the numbers, and what it means.</param>
public sealed record TrainingCondition(string Name, string Message)
{
    /// <summary>A loss or parameter became NaN or infinite (<see cref="TrainingDivergedException"/>).</summary>
    public const string Diverged = "diverged";
}
