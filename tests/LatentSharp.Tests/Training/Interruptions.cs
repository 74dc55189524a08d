using LatentSharp.Data;
using LatentSharp.Training;

namespace LatentSharp.Tests.Training;

/// <summary>Runs interrupted the way a killed process would be, at a chosen step.</summary>
internal static class Interruptions
{
    /// <summary>
    /// Trains <paramref name="model"/> into <paramref name="runDirectory"/> and cancels once
    /// <paramref name="step"/> steps are done: the Trainer writes a checkpoint at that position (in
    /// mid-epoch when the step is not an epoch end), from which <c>resume</c> continues.
    /// </summary>
    public static TrainingResult CancelAfterStep(TrainerOptions options, string runDirectory, ITrainable model, IBatchSource train,
        IBatchSource? validation, long step)
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Step == step) cancel.Cancel(); });
        var result = new Trainer(options, runDirectory, progress).Fit(model, train, validation, cancellation: cancel.Token);
        Assert.True(result.Cancelled, $"the run should have been cancelled after step {step}");
        return result;
    }

    /// <summary>Reports on the training thread (Progress&lt;T&gt; would post to the thread pool, too late to cancel at a step).</summary>
    public sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
