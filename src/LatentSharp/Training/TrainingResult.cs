namespace LatentSharp.Training;

/// <summary>How a <see cref="Trainer.Fit"/> call ended.</summary>
/// <param name="EpochsCompleted">Epochs finished in the whole run (including before a resume).</param>
/// <param name="Records">One record per finished epoch, as in metrics.jsonl (figures, phase, kinds).</param>
/// <param name="StoppedEarly">Early stopping ended the run.</param>
/// <param name="Cancelled">Cancellation ended the run (a checkpoint was written first when a run folder is used).</param>
public sealed record TrainingResult(int EpochsCompleted, IReadOnlyList<EpochRecord> Records, bool StoppedEarly, bool Cancelled)
{
    /// <summary>The model said it converged: further epochs would not change it.</summary>
    public bool Converged { get; init; }

    /// <summary>
    /// Under early stopping, the 1-based epoch whose weights the model holds (the best monitored loss
    /// of the last phase); 0 when early stopping is off.
    /// </summary>
    public int BestEpoch { get; init; }

    /// <summary>One metrics dictionary per finished epoch.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> History => Records.Select(r => r.Values).ToList();

    /// <summary>The last epoch's metrics, or an empty dictionary.</summary>
    public IReadOnlyDictionary<string, double> Final => Records.Count > 0 ? Records[^1].Values : new Dictionary<string, double>();
}
