namespace LatentSharp.Training;

/// <summary>
/// One stage of a run with its own objective: a greedy layer of a stacked autoencoder, DBM
/// pretraining, KL warm-up, critic warm-up. The <see cref="Trainer"/> logs the phase of every epoch,
/// restarts early stopping when a phase begins (its losses are not comparable with the last
/// phase's) and moves on to the next phase when a phase converges or stops improving.
/// </summary>
/// <param name="Name">Stable name written to metrics.jsonl, e.g. <c>layer-1</c> or <c>fine-tune</c>.</param>
/// <param name="Epochs">Epochs the phase lasts; the last phase runs for whatever the run has left (its value is ignored).</param>
/// <param name="Description">One line for people: what the phase trains.</param>
public sealed record TrainingPhase(string Name, int Epochs, string Description);

/// <summary>A trainable model whose run goes through several phases, in order.</summary>
public interface IPhasedTrainable : ITrainable
{
    /// <summary>The phases, in order; at least one. The model reads the current one from <see cref="TrainingContext.PhaseIndex"/>.</summary>
    IReadOnlyList<TrainingPhase> Phases { get; }
}
