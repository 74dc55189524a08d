namespace LatentSharp.Training;

/// <summary>A progress report from the <see cref="Trainer"/>.</summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="Epochs">Total epochs planned.</param>
/// <param name="BatchInEpoch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches per epoch.</param>
/// <param name="Step">Steps done in the whole run.</param>
/// <param name="Loss">Running mean training loss of this epoch.</param>
/// <param name="SamplesPerSecond">Training throughput in this epoch so far.</param>
/// <param name="Remaining">Estimated time left in the run.</param>
/// <param name="EpochMetrics">Set on the report that ends an epoch: that epoch's figures.</param>
/// <param name="Warnings">Set on the report that ends an epoch: the conditions it raised (<see cref="EpochRecord.Warnings"/>).</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, long BatchInEpoch, long BatchesPerEpoch, long Step, double Loss,
    double SamplesPerSecond, TimeSpan Remaining, IReadOnlyDictionary<string, double>? EpochMetrics = null,
    IReadOnlyList<TrainingCondition>? Warnings = null);
