using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class ScheduledTrainingTests
{
    static Autoencoder NewModel(Schedule learningRate, long seed = 1) =>
        (Autoencoder)ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [32], CodeSize = 3, LearningRate = learningRate }, [1, 8, 8], CPU, seed);

    static TrainerOptions Options() => new() { Epochs = 3, BatchSize = 32, Seed = 5 };

    static void AssertSameState(IModel a, IModel b)
    {
        foreach (var (name, tensor) in a.State)
            Assert.True(TestData.Same(tensor, b.State[name]), $"'{name}' differs");
    }

    sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public void A_run_with_a_linear_learning_rate_schedule_resumed_after_an_interruption_matches_the_uninterrupted_run()
    {
        var schedule = Schedule.Parse("linear:1e-2->1e-4,warmup=5");
        using var data = TestData.LowRankImages(300);
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        using var uninterrupted = NewModel(schedule);
        new Trainer(Options(), dirA.Path).Fit(uninterrupted, data);

        using var cancel = new CancellationTokenSource();
        using (var first = NewModel(schedule))
        {
            var progress = new SynchronousProgress(p => { if (p.Step == 14) cancel.Cancel(); });
            var partial = new Trainer(Options(), dirB.Path, progress).Fit(first, data, cancellation: cancel.Token);
            Assert.True(partial.Cancelled);
        }
        using var resumed = NewModel(schedule, seed: 99);
        new Trainer(Options(), dirB.Path).Fit(resumed, data, resume: true);
        AssertSameState(uninterrupted, resumed);

        // The schedule is really applied: a constant rate at the start value ends elsewhere.
        using var constant = NewModel(1e-2);
        new Trainer(Options()).Fit(constant, data);
        Assert.False(TestData.Same(uninterrupted.State["encoder.1.0.weight"], constant.State["encoder.1.0.weight"]));
    }
}
