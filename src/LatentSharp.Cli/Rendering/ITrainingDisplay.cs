using LatentSharp.Training;

namespace LatentSharp.Cli.Rendering;

/// <summary>
/// How <c>latent train</c> and <c>finetune</c> show a run while it trains and when it ends: live on
/// a terminal (<see cref="LiveTrainingDisplay"/>), plain lines in a log (<see cref="PlainTrainingDisplay"/>).
/// Reports arrive synchronously on the training thread.
/// </summary>
public interface ITrainingDisplay : IProgress<TrainingProgress>
{
    /// <summary>Runs <paramref name="training"/> (which reports to this display) and returns its result.</summary>
    T Run<T>(Func<T> training);

    /// <summary>Shows how long the command took and the files the run folder holds.</summary>
    void Finished(TimeSpan elapsed, IReadOnlyList<RunFile> files, string runDirectory);
}
