namespace LatentSharp.Training;

/// <summary>How a <see cref="Trainer.Fit"/> call ended.</summary>
/// <param name="EpochsCompleted">Epochs finished in the whole run (including before a resume).</param>
/// <param name="History">One metrics dictionary per finished epoch, as in metrics.jsonl.</param>
/// <param name="StoppedEarly">Early stopping ended the run.</param>
/// <param name="Cancelled">Cancellation ended the run (a checkpoint was written first when a run folder is used).</param>
public sealed record TrainingResult(int EpochsCompleted, IReadOnlyList<IReadOnlyDictionary<string, double>> History, bool StoppedEarly, bool Cancelled)
{
    /// <summary>The last epoch's metrics, or an empty dictionary.</summary>
    public IReadOnlyDictionary<string, double> Final => History.Count > 0 ? History[^1] : new Dictionary<string, double>();
}
