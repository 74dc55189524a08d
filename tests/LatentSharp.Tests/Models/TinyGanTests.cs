using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Training;
using LatentSharp.Tests.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models;

/// <summary>The engine's two-optimiser, 5:1 alternation case, through the test-only <see cref="TinyGan"/>.</summary>
public class TinyGanTests
{
    static readonly (double X, double Y) Target = (2.0, -1.0);

    public TinyGanTests() => TinyGan.EnsureRegistered();

    /// <summary>Points of N((2, −1), 0.1² I), [count, 2].</summary>
    static Dataset PlantedGaussian(long count, long seed = 11)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var points = randn(count, 2, generator: generator) * 0.1 + tensor(new[] { (float)Target.X, (float)Target.Y });
        return new Dataset("planted-gaussian", points.MoveToOuterDisposeScope());
    }

    static TinyGan NewGan(long seed = 1, TinyGanOptions? options = null) =>
        (TinyGan)ModelCatalog.Create(TinyGan.ModelName, options ?? new TinyGanOptions(), [2], CPU, seed);

    [Fact]
    public void Killed_in_mid_epoch_and_resumed_it_matches_the_uninterrupted_run_bit_for_bit()
    {
        using var data = PlantedGaussian(80);        // 5 batches of 16 per epoch: the 6-step cycle straddles epochs
        using var validation = PlantedGaussian(32, seed: 12);
        var options = new TrainerOptions { Epochs = 4, BatchSize = 16, Seed = 3 };
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        using var uninterrupted = NewGan();
        new Trainer(options, dirA.Path).Fit(uninterrupted, data, validation);

        // Step 8: epoch 2, batch 4 of 5; a discriminator step, two after the generator's step 5.
        using (var killed = NewGan())
            Interruptions.CancelAfterStep(options, dirB.Path, killed, data, validation, step: 8);
        using var resumed = NewGan(seed: 99);   // other initial weights: the checkpoint must replace them
        new Trainer(options, dirB.Path).Fit(resumed, data, validation, resume: true);

        foreach (var (name, tensor) in uninterrupted.State) Assert.True(TestData.Same(tensor, resumed.State[name]), $"weight '{name}' differs");
        Assert.Equal(uninterrupted.TrainingState.Keys.Order(), resumed.TrainingState.Keys.Order());
        Assert.Contains(uninterrupted.TrainingState.Keys, k => k.StartsWith("generator.", StringComparison.Ordinal));
        Assert.Contains(uninterrupted.TrainingState.Keys, k => k.StartsWith("discriminator.", StringComparison.Ordinal));
        foreach (var (name, tensor) in uninterrupted.TrainingState) Assert.True(TestData.Same(tensor, resumed.TrainingState[name]), $"optimiser state '{name}' differs");

        var expected = MetricsFile.Read(Path.Combine(dirA.Path, Trainer.MetricsFileName));
        var actual = MetricsFile.Read(Path.Combine(dirB.Path, Trainer.MetricsFileName));
        Assert.Equal(4, actual.Count);
        for (int epoch = 0; epoch < expected.Count; epoch++)
        {
            // Everything but the wall-clock time is a pure function of the seed.
            Assert.Equal(expected[epoch].Values.Where(kv => kv.Key != "seconds").OrderBy(kv => kv.Key),
                actual[epoch].Values.Where(kv => kv.Key != "seconds").OrderBy(kv => kv.Key));
            Assert.Equal(expected[epoch].Kinds.OrderBy(kv => kv.Key), actual[epoch].Kinds.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void Each_loss_is_averaged_over_the_steps_that_reported_it_only()
    {
        using var data = PlantedGaussian(128);       // 8 equal batches of 16 per epoch
        using var gan = NewGan();
        var recording = new RecordingTrainable(gan);
        var result = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 3 }).Fit(recording, data);

        // Generator steps: 5 (epoch 1), 11 (epoch 2), 17 and 23 (epoch 3); the other 20 train the discriminator.
        Assert.Equal([5L, 11, 17, 23], recording.Steps.Where(s => s.Metrics.ContainsKey(TinyGan.GeneratorLoss)).Select(s => s.Step));
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var steps = recording.Steps.Where(s => s.Epoch == epoch).ToList();
            var d = steps.Where(s => s.Metrics.ContainsKey(TinyGan.DiscriminatorLoss)).Select(s => s.Metrics[TinyGan.DiscriminatorLoss]).ToList();
            var g = steps.Where(s => s.Metrics.ContainsKey(TinyGan.GeneratorLoss)).Select(s => s.Metrics[TinyGan.GeneratorLoss]).ToList();
            Assert.Equal(8, d.Count + g.Count);
            var record = result.Records[epoch];
            Assert.Equal(d.Average(), record["train.d_loss"], 12);
            Assert.Equal(g.Average(), record["train.g_loss"], 12);
            // Dividing by every step of the epoch would give a visibly different figure.
            Assert.NotEqual(g.Sum() / 8, record["train.g_loss"], 6);
            Assert.Equal(steps.Average(s => s.Metrics[MetricKeys.Loss]), record["train.loss"], 12);
        }
    }

    [Fact]
    public void Training_moves_the_generated_mean_toward_a_planted_gaussian()
    {
        using var data = PlantedGaussian(256);
        // Adam with beta1 0.5, as usual for GANs; 30 epochs of 16 batches = 80 generator steps.
        using var gan = NewGan(options: new TinyGanOptions { LearningRate = 1e-2, Beta1 = 0.5 });
        double Distance()
        {
            using var random = new Generator(5);
            using var samples = gan.Sample(512, random);
            using var mean = samples.mean([0]);
            var m = mean.data<float>().ToArray();
            return Math.Sqrt(Math.Pow(m[0] - Target.X, 2) + Math.Pow(m[1] - Target.Y, 2));
        }
        double before = Distance();
        new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 16, Seed = 3 }).Fit(gan, data);
        double after = Distance();
        Assert.True(before > 1.5, $"the untrained generator should start far from the target: {before:F3}");
        Assert.True(after < 0.25 * before, $"the generated mean should approach (2, -1): distance {before:F3} -> {after:F3}");
    }

    /// <summary>Forwards to a model and records every step's figures with its epoch and step number.</summary>
    sealed class RecordingTrainable(ITrainable inner) : ITrainable
    {
        public List<(int Epoch, long Step, IReadOnlyDictionary<string, double> Metrics)> Steps { get; } = [];
        public string Name => inner.Name;
        public LatentSharp.Options.ModelOptions Options => inner.Options;
        public long[] InputShape => inner.InputShape;
        public Device Device => inner.Device;
        public IReadOnlyDictionary<string, Tensor> State => inner.State;
        public IReadOnlyDictionary<string, Tensor> TrainingState => inner.TrainingState;
        public MetricKind KindOf(string metric) => inner.KindOf(metric);

        public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
        {
            var metrics = inner.TrainStep(batch, context);
            Steps.Add((context.Epoch, context.Step, metrics));
            return metrics;
        }

        public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) => inner.Evaluate(data, context);
        public void Dispose() { }
    }
}
