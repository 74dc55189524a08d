using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class TrainerTests
{
    static readonly AutoencoderOptions SmallDense = new() { HiddenSizes = [32], CodeSize = 3 };

    static Autoencoder NewModel(long seed = 1) =>
        (Autoencoder)ModelCatalog.Create("autoencoder", SmallDense, [1, 8, 8], CPU, seed);

    static TrainerOptions Options(int epochs = 3) => new() { Epochs = epochs, BatchSize = 32, Seed = 5 };

    static void AssertSameState(IModel a, IModel b)
    {
        foreach (var (name, tensor) in a.State)
            Assert.True(TestData.Same(tensor, b.State[name]), $"'{name}' differs");
    }

    [Fact]
    public void Training_lowers_the_loss_on_planted_low_rank_data()
    {
        using var data = TestData.LowRankImages(512);
        using var model = NewModel();
        var result = new Trainer(Options(epochs: 8) with { BatchSize = 32 }).Fit(model, data, data, "test");
        double first = result.History[0]["test.loss"], last = result.History[^1]["test.loss"];
        // The loss is binary cross-entropy summed over pixels. Predicting each pixel's mean costs
        // Σ H(mean) per image; a perfect reconstruction costs the targets' own entropy Σ E[H(x)].
        // Eight epochs of a 3-d code on rank-3 data close two thirds of that gap here; require half of it
        // (a model that merely lowers the loss a little fails).
        static Tensor Entropy(Tensor p) => -(p * p.clamp_min(1e-12).log() + (1 - p) * (1 - p).clamp_min(1e-12).log());
        var x = data.Features.reshape(data.Count, -1).to(ScalarType.Float64);
        double constant = Entropy(x.mean([0])).sum().item<double>();
        double perfect = Entropy(x).sum(1).mean().item<double>();
        Assert.True(last < perfect + 0.5 * (constant - perfect), $"test loss {first} -> {last}; mean predictor {constant}, perfect {perfect}");
        Assert.Equal(8, result.EpochsCompleted);
        Assert.All(result.History, h => Assert.True(h.ContainsKey("train.recon")));
    }

    [Fact]
    public void The_same_seed_gives_identical_weights_and_another_seed_does_not()
    {
        using var data = TestData.LowRankImages(200);
        using var a = NewModel();
        using var b = NewModel();
        using var c = NewModel();
        new Trainer(Options(2)).Fit(a, data);
        new Trainer(Options(2)).Fit(b, data);
        new Trainer(Options(2) with { Seed = 6 }).Fit(c, data);
        AssertSameState(a, b);
        Assert.False(TestData.Same(a.State["encoder.1.0.weight"], c.State["encoder.1.0.weight"]));
    }

    [Fact]
    public void A_run_interrupted_mid_epoch_and_resumed_matches_the_uninterrupted_run()
    {
        using var data = TestData.LowRankImages(300);
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        using var uninterrupted = NewModel();
        var full = new Trainer(Options(), dirA.Path).Fit(uninterrupted, data, data, "test");

        using var cancel = new CancellationTokenSource();
        using (var first = NewModel())
        {
            var progress = new SynchronousProgress(p => { if (p.Step == 14) cancel.Cancel(); });
            var partial = new Trainer(Options(), dirB.Path, progress).Fit(first, data, data, "test", cancellation: cancel.Token);
            Assert.True(partial.Cancelled);
            Assert.Equal(1, partial.EpochsCompleted);
        }
        using var resumedModel = NewModel(seed: 99);   // different initial weights: the checkpoint must override them
        var resumed = new Trainer(Options(), dirB.Path).Fit(resumedModel, data, data, "test", resume: true);

        AssertSameState(uninterrupted, resumedModel);
        Assert.Equal(full.Final["test.loss"], resumed.Final["test.loss"]);
        Assert.Equal(full.History.Count, resumed.History.Count);
        Assert.Equal(3, Trainer.ReadMetrics(Path.Combine(dirB.Path, Trainer.MetricsFileName)).Count);
        Assert.Equal(full.Final["train.loss"], resumed.Final["train.loss"], 12);
    }

    [Fact]
    public void A_crash_after_a_step_checkpoint_resumes_from_it_exactly()
    {
        using var data = TestData.LowRankImages(300);
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        var options = Options() with { CheckpointEverySteps = 4 };
        using var uninterrupted = NewModel();
        new Trainer(options, dirA.Path).Fit(uninterrupted, data);

        using (var crashing = NewModel())
        {
            var progress = new SynchronousProgress(p => { if (p.Step == 15) throw new InvalidOperationException("simulated kill"); });
            Assert.Throws<InvalidOperationException>(() => new Trainer(options, dirB.Path, progress).Fit(crashing, data));
        }
        using var resumedModel = NewModel();
        new Trainer(options, dirB.Path).Fit(resumedModel, data, resume: true);
        AssertSameState(uninterrupted, resumedModel);
    }

    [Fact]
    public void A_nan_loss_stops_naming_epoch_and_step_and_keeps_the_last_good_checkpoint()
    {
        using var data = TestData.LowRankImages(64);   // 2 batches per epoch
        using var dir = TestData.TempDir();
        using var model = new ScriptedModel(step => step == 4 ? double.NaN : 1.0);
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(5), dir.Path).Fit(model, data));
        Assert.Equal(2, e.Epoch);
        Assert.Equal(5, e.Step);
        Assert.Contains("epoch 3, step 5", e.Message);
        var (tensors, _) = SafeTensorsFile.Read(Trainer.CheckpointPath(dir.Path));
        Assert.Equal(new float[] { 2, 2 }, tensors["model.weight"].data<float>().ToArray());   // 4 good steps of +0.5
        Assert.Equal(2, Trainer.ReadMetrics(Path.Combine(dir.Path, Trainer.MetricsFileName)).Count);
    }

    [Fact]
    public void Early_stopping_ends_after_patience_epochs_without_improvement()
    {
        using var data = TestData.LowRankImages(64);
        double[] validation = [5, 4, 4.5, 4.2, 4.1, 1, 1];
        using var model = new ScriptedModel(_ => 1.0, epoch => validation[epoch]);
        var result = new Trainer(Options(7) with { EarlyStoppingPatience = 3 }).Fit(model, data, data, "validation");
        Assert.True(result.StoppedEarly);
        Assert.Equal(5, result.EpochsCompleted);
    }

    [Fact]
    public void Resuming_with_a_checkpoint_of_another_model_is_refused()
    {
        using var data = TestData.LowRankImages(64);
        using var dir = TestData.TempDir();
        using (var model = NewModel()) new Trainer(Options(1), dir.Path).Fit(model, data);
        using var other = (Autoencoder)ModelCatalog.Create("autoencoder", SmallDense with { CodeSize = 4 }, [1, 8, 8], CPU, 1);
        var e = Assert.Throws<CheckpointException>(() => new Trainer(Options(2), dir.Path).Fit(other, data, resume: true));
        Assert.Contains("other hyper-parameters", e.Message);
        using var conv = (ITrainable)ModelCatalog.Create("conv-autoencoder", new ConvolutionalAutoencoderOptions { Channels = [4], CodeSize = 3 }, [1, 8, 8], CPU, 1);
        e = Assert.Throws<CheckpointException>(() => new Trainer(Options(2), dir.Path).Fit(conv, data, resume: true));
        Assert.Contains("not of 'conv-autoencoder'", e.Message);
        e = Assert.Throws<CheckpointException>(() => new Trainer(Options(2) with { Seed = 9 }, dir.Path).Fit(NewModel(), data, resume: true));
        Assert.Contains("seed", e.Message);
    }

    [Fact]
    public void Data_of_the_wrong_shape_is_refused_before_training()
    {
        using var data = new Dataset("wide", zeros(10, 100));
        using var model = NewModel();
        var e = Assert.Throws<ArgumentException>(() => new Trainer(Options(1)).Fit(model, data));
        Assert.Contains("[1, 8, 8]", e.Message);
    }

    [Fact]
    public void Nonsense_trainer_options_are_refused_naming_the_field()
    {
        var e = Assert.Throws<LatentSharp.Options.InvalidOptionException>(() => new Trainer(new TrainerOptions { BatchSize = 0 }));
        Assert.Equal("BatchSize", e.Field);
    }

    [Fact]
    public void Data_initialised_models_see_the_data_once_on_a_fresh_run_and_not_on_resume()
    {
        using var data = TestData.LowRankImages(64);
        using var dir = TestData.TempDir();
        using (var model = new InitializedModel())
        {
            new Trainer(Options(1), dir.Path).Fit(model, data);
            Assert.Equal(1, model.Initializations);
            Assert.Equal(64, model.SamplesSeen);
        }
        using var resumed = new InitializedModel();
        new Trainer(Options(2), dir.Path).Fit(resumed, data, resume: true);
        Assert.Equal(0, resumed.Initializations);
    }

    sealed class InitializedModel() : IDataInitialized
    {
        readonly ScriptedModel _inner = new(_ => 1.0);
        public int Initializations { get; private set; }
        public long SamplesSeen { get; private set; }
        public void InitializeFromData(IBatchSource data, TrainingContext context)
        {
            Initializations++;
            SamplesSeen = data.Count;
        }
        public string Name => _inner.Name;
        public LatentSharp.Options.ModelOptions Options => _inner.Options;
        public long[] InputShape => _inner.InputShape;
        public Device Device => _inner.Device;
        public IReadOnlyDictionary<string, Tensor> State => _inner.State;
        public IReadOnlyDictionary<string, Tensor> TrainingState => _inner.TrainingState;
        public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context) => _inner.TrainStep(batch, context);
        public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) => _inner.Evaluate(data, context);
        public void Dispose() => _inner.Dispose();
    }

    sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
