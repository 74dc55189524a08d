using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>Where training stands, and the random source a step may use.</summary>
public sealed class TrainingContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="generator">The training random source.</param>
    /// <param name="batchSize">Batch size used for training and evaluation.</param>
    /// <param name="totalSteps">Steps of the whole run (batches per epoch × epochs); 0 when unknown.</param>
    /// <param name="epochs">Epochs of the whole run; 0 when unknown.</param>
    public TrainingContext(Generator generator, int batchSize, long totalSteps = 0, int epochs = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Generator = generator;
        BatchSize = batchSize;
        TotalSteps = totalSteps;
        Epochs = epochs;
    }

    /// <summary>
    /// The only random source a training step may use (noise, sampling, dropout). Its state is
    /// checkpointed, which is what makes a resumed run match an uninterrupted one.
    /// </summary>
    public Generator Generator { get; }

    /// <summary>Batch size used for training and evaluation.</summary>
    public int BatchSize { get; }

    /// <summary>
    /// Steps of the whole run (batches per epoch × epochs), for schedules that decay over the run
    /// (learning-rate schedules, SOM learning rate and radius); 0 when unknown. Fixed when a run
    /// starts: a resumed run with more epochs keeps the original value, so a decay in progress does
    /// not change; the steps beyond it hold each schedule at its final value.
    /// </summary>
    public long TotalSteps { get; }

    /// <summary>Epochs of the run as planned when it started (see <see cref="TotalSteps"/>); 0 when unknown.</summary>
    public int Epochs { get; }

    /// <summary>Zero-based epoch in progress.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Number of training steps completed before the current one.</summary>
    public long Step { get; internal set; }

    /// <summary>Batches in one epoch of the training data; 0 when unknown.</summary>
    public long BatchesPerEpoch { get; internal set; }

    /// <summary>Zero-based index of the batch in progress within its epoch.</summary>
    public long BatchInEpoch { get; internal set; }

    /// <summary>The batch in progress is the epoch's first.</summary>
    public bool IsFirstBatchOfEpoch => BatchInEpoch == 0;

    /// <summary>The batch in progress is the epoch's last.</summary>
    public bool IsLastBatchOfEpoch => BatchesPerEpoch > 0 && BatchInEpoch == BatchesPerEpoch - 1;

    /// <summary>
    /// Zero-based index of the current phase in <see cref="IPhasedTrainable.Phases"/> (0 for a model
    /// without phases). A context made outside the <see cref="Trainer"/> (to evaluate a trained model)
    /// stands after training: <see cref="AfterTraining"/>, which a model reads as its last phase.
    /// </summary>
    public int PhaseIndex { get; internal set; } = AfterTraining;

    /// <summary>The <see cref="PhaseIndex"/> of a context outside training: past every phase.</summary>
    public const int AfterTraining = int.MaxValue;

    /// <summary>Epochs finished in the current phase before the one in progress.</summary>
    public int EpochInPhase { get; internal set; }
}
