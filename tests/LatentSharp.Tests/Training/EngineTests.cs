using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

/// <summary>The engine's contracts: epoch shape, phases, convergence, per-key averaging, kinds, randomness, safe checkpoints.</summary>
public class EngineTests
{
    static TrainerOptions Options(int epochs, int batchSize = 16) => new() { Epochs = epochs, BatchSize = batchSize, Seed = 3 };

    [Fact]
    public void The_context_knows_the_epochs_shape_and_end_epoch_runs_after_the_last_batch()
    {
        using var data = TestData.LowRankImages(40);   // batches of 16, 16, 8
        using var model = new EngineModel();
        new Trainer(Options(2)).Fit(model, data);
        Assert.Equal([0L, 1, 2, 0, 1, 2], model.Steps.Select(s => s.Batch));
        Assert.All(model.Steps, s => Assert.Equal(3, s.BatchesPerEpoch));
        Assert.Equal([false, false, true, false, false, true], model.Steps.Select(s => s.Last));
        Assert.Equal(2, model.EndEpochCalls);
        Assert.All(model.Steps, s => Assert.Equal(6, s.TotalSteps));
    }

    [Fact]
    public void A_metric_reported_on_some_steps_is_averaged_over_those_steps_only()
    {
        using var data = TestData.LowRankImages(96);   // 6 batches of 16
        // A critic figure on 5 of every 6 steps (value 2), a generator figure on the 6th (value 7).
        using var model = new EngineModel
        {
            StepFigures = (step, _) => step % 6 == 5 ? new() { ["loss"] = 1, ["generator"] = 7 } : new() { ["loss"] = 1, ["critic"] = 2 },
        };
        var result = new Trainer(Options(1)).Fit(model, data);
        Assert.Equal(2.0, result.Final["train.critic"], 12);
        Assert.Equal(7.0, result.Final["train.generator"], 12);
        Assert.Equal(1.0, result.Final["train.loss"], 12);
    }

    [Fact]
    public void Every_metric_carries_its_kind_in_metrics_jsonl_and_the_result()
    {
        using var data = TestData.LowRankImages(32);
        using var dir = TestData.TempDir();
        using var model = new EngineModel { StepFigures = (_, _) => new() { ["loss"] = 1, ["elbo"] = -3 } };
        var result = new Trainer(Options(1), dir.Path).Fit(model, data, data, "test");
        var record = Assert.Single(MetricsFile.Read(Path.Combine(dir.Path, MetricsFile.FileName)));
        Assert.Equal(MetricKind.Bound, record.Kinds["train.elbo"]);
        Assert.Equal(MetricKind.Proxy, record.Kinds["train.loss"]);
        Assert.Equal(MetricKind.Proxy, record.Kinds["test.loss"]);
        Assert.False(record.Kinds.ContainsKey("epoch"));
        Assert.Equal(record.Kinds, result.Records[0].Kinds);
        Assert.Contains("\"kinds\":{", File.ReadAllText(Path.Combine(dir.Path, MetricsFile.FileName)));
    }

    [Fact]
    public void Phases_run_in_order_are_logged_and_the_last_takes_the_remaining_epochs()
    {
        using var data = TestData.LowRankImages(16);   // one batch per epoch
        using var dir = TestData.TempDir();
        using var model = new EngineModel { Phases = [new("warm-up", 2, "a"), new("middle", 1, "b"), new("main", 0, "c")] };
        var result = new Trainer(Options(5), dir.Path).Fit(model, data);
        Assert.Equal([0, 0, 1, 2, 2], model.Steps.Select(s => s.Phase));
        Assert.Equal(["warm-up", "warm-up", "middle", "main", "main"], MetricsFile.Read(Path.Combine(dir.Path, MetricsFile.FileName)).Select(r => r.Phase));
        Assert.Equal(5, result.EpochsCompleted);
    }

    [Fact]
    public void Early_stopping_restarts_in_each_phase_and_ends_a_phase_that_stops_improving()
    {
        using var data = TestData.LowRankImages(16);
        // Phase 1 improves at epoch 1 then stalls for 2 epochs (patience 2): it ends after epoch 3, not 5.
        // Phase 2 starts with a higher loss (10) than phase 1's best (1): had early stopping not restarted,
        // it would stop at once; it runs until it stalls in turn.
        double[] validation = [1, 2, 2, 10, 9, 8, 8.5, 8.5];
        using var model = new EngineModel { Phases = [new("first", 5, "a"), new("second", 0, "b")], ValidationLoss = i => validation[i] };
        var result = new Trainer(Options(20) with { EarlyStoppingPatience = 2 }).Fit(model, data, data, "validation");
        Assert.Equal(["first", "first", "first", "second", "second", "second", "second", "second"], result.Records.Select(r => r.Phase));
        Assert.True(result.StoppedEarly);
        Assert.Equal(6, result.BestEpoch);   // the best epoch of the last phase (loss 8)
    }

    [Fact]
    public void A_model_that_converges_stops_the_run()
    {
        using var data = TestData.LowRankImages(16);
        using var model = new EngineModel { ConvergeAfterEpochs = 3 };
        var result = new Trainer(Options(100)).Fit(model, data);
        Assert.True(result.Converged);
        Assert.False(result.StoppedEarly);
        Assert.Equal(3, result.EpochsCompleted);
    }

    [Fact]
    public void Convergence_in_an_early_phase_moves_to_the_next_phase()
    {
        using var data = TestData.LowRankImages(16);
        using var model = new EngineModel { Phases = [new("a", 10, ""), new("b", 0, "")], ConvergeAfterEpochs = 2 };
        var result = new Trainer(Options(4)).Fit(model, data);
        // Converged after epoch 2 (phase a ends early); in phase b it still says converged: the run ends.
        Assert.Equal(["a", "a", "b"], result.Records.Select(r => r.Phase));
        Assert.True(result.Converged);
    }

    [Fact]
    public void Total_steps_stay_those_of_the_run_as_started_when_a_resume_adds_epochs()
    {
        using var data = TestData.LowRankImages(32);   // 2 batches per epoch
        using var dir = TestData.TempDir();
        using (var first = new EngineModel()) new Trainer(Options(2), dir.Path).Fit(first, data);
        using var resumed = new EngineModel();
        var result = new Trainer(Options(4), dir.Path).Fit(resumed, data, resume: true);
        Assert.Equal(4, result.EpochsCompleted);
        Assert.All(resumed.Steps, s => Assert.Equal(4, s.TotalSteps));   // 2 epochs x 2 batches, as planned at the start
    }

    [Fact]
    public void Under_early_stopping_the_run_keeps_the_best_epochs_weights_and_says_which()
    {
        using var data = TestData.LowRankImages(16);   // one step per epoch: the weight counts epochs
        using var dir = TestData.TempDir();
        double[] validation = [5, 2, 3, 4, 4];
        using var model = new EngineModel { ValidationLoss = i => validation[i] };
        var result = new Trainer(Options(5) with { EarlyStoppingPatience = 2 }, dir.Path).Fit(model, data, data, "validation");
        Assert.True(result.StoppedEarly);
        Assert.Equal(4, result.EpochsCompleted);
        Assert.Equal(2, result.BestEpoch);
        Assert.Equal(2f, model.Weight);   // restored in memory
        var (tensors, _) = SafeTensorsFile.Read(Path.Combine(dir.Path, Trainer.ModelFileName));
        using (tensors["weight"]) Assert.Equal(2f, tensors["weight"].item<float>());   // and on disk
        // Without a run folder the best weights are kept in memory.
        using var inMemory = new EngineModel { ValidationLoss = i => validation[i] };
        new Trainer(Options(5) with { EarlyStoppingPatience = 2 }).Fit(inMemory, data, data, "validation");
        Assert.Equal(2f, inMemory.Weight);
    }

    [Fact]
    public void A_checkpoint_is_never_written_with_non_finite_parameters()
    {
        using var data = TestData.LowRankImages(64);   // 4 steps per epoch
        using var dir = TestData.TempDir();
        // The loss stays finite but the weight turns NaN at step 6: the step-5... checkpoint every 2 steps must refuse it.
        using var model = new EngineModel { WeightIncrement = step => step == 5 ? double.NaN : 1 };
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(3) with { CheckpointEverySteps = 2 }, dir.Path).Fit(model, data));
        Assert.Contains("parameter 'weight'", e.Message);
        var (tensors, _) = SafeTensorsFile.Read(Trainer.CheckpointPath(dir.Path));
        using (tensors["model.weight"]) Assert.Equal(4f, tensors["model.weight"].item<float>());   // the epoch-1 checkpoint, 4 good steps
    }

    [Fact]
    public void Evaluation_draws_from_its_own_stream_so_the_validation_size_never_moves_training()
    {
        // A denoising autoencoder draws noise in training; its evaluation here draws too (a noisy
        // estimator). Two runs differ only in the validation set's size.
        using var train = TestData.LowRankImages(64);
        using var small = TestData.LowRankImages(8, seed: 9);
        using var large = TestData.LowRankImages(200, seed: 9);
        var options = new AutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Noise = "gaussian:0.3" };
        using var a = (ITrainable)ModelCatalog.Create("autoencoder", options, [1, 8, 8], CPU, 1);
        using var b = (ITrainable)ModelCatalog.Create("autoencoder", options, [1, 8, 8], CPU, 1);
        new Trainer(Options(3)).Fit(new DrawingEvaluation(a), train, small, "validation");
        new Trainer(Options(3)).Fit(new DrawingEvaluation(b), train, large, "validation");
        foreach (var (name, tensor) in a.State) Assert.True(TestData.Same(tensor, b.State[name]), name);
    }

    [Fact]
    public void Building_or_loading_a_model_leaves_the_global_random_state_alone()
    {
        using var dir = TestData.TempDir();
        var path = Path.Combine(dir.Path, "m.safetensors");
        using (var model = ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [8], CodeSize = 2 }, [4], CPU, 5))
            ModelFile.Save(model, path);
        manual_seed(123);
        using var expected = rand(5);
        manual_seed(123);
        using (ModelFile.Load(path)) { }
        using (ModelCatalog.Create("autoencoder", null, [16], CPU, 9)) { }
        using var actual = rand(5);
        Assert.True(TestData.Same(expected, actual));
    }

    [Fact]
    public void Resume_accepts_a_run_saved_before_an_option_existed_and_names_conflicting_values()
    {
        using var data = TestData.LowRankImages(32);
        using var dir = TestData.TempDir();
        var options = new AutoencoderOptions { HiddenSizes = [8], CodeSize = 2 };
        using (var model = (ITrainable)ModelCatalog.Create("autoencoder", options, [1, 8, 8], CPU, 1))
            new Trainer(Options(1), dir.Path).Fit(model, data);
        // Rewrite the checkpoint as an older version would have: without the Noise option in its metadata.
        var path = Trainer.CheckpointPath(dir.Path);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        var json = System.Text.Json.Nodes.JsonNode.Parse(metadata["latentsharp.options"])!.AsObject();
        Assert.True(json.Remove("noise"));
        var older = new Dictionary<string, string>(metadata) { ["latentsharp.options"] = json.ToJsonString() };
        SafeTensorsFile.Write(path, tensors, older);
        foreach (var t in tensors.Values) t.Dispose();

        using (var resumed = (ITrainable)ModelCatalog.Create("autoencoder", options, [1, 8, 8], CPU, 1))
            Assert.Equal(2, new Trainer(Options(2), dir.Path).Fit(resumed, data, resume: true).EpochsCompleted);
        using var conflicting = (ITrainable)ModelCatalog.Create("autoencoder", options with { CodeSize = 3 }, [1, 8, 8], CPU, 1);
        var e = Assert.Throws<CheckpointException>(() => new Trainer(Options(3), dir.Path).Fit(conflicting, data, resume: true));
        Assert.Contains("codeSize: 2 (saved) vs 3 (now)", e.Message);
    }

    /// <summary>Wraps a model so its evaluation draws as many random numbers as the data has samples.</summary>
    sealed class DrawingEvaluation(ITrainable inner) : ITrainable
    {
        public string Name => inner.Name;
        public LatentSharp.Options.ModelOptions Options => inner.Options;
        public long[] InputShape => inner.InputShape;
        public Device Device => inner.Device;
        public IReadOnlyDictionary<string, Tensor> State => inner.State;
        public IReadOnlyDictionary<string, Tensor> TrainingState => inner.TrainingState;
        public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context) => inner.TrainStep(batch, context);
        public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
        {
            using var noise = randn(data.Count, generator: context.Generator);
            return inner.Evaluate(data, context);
        }
        public void Dispose() { }
    }
}

public class MetricKindsOfModelsTests
{
    [Fact]
    public void Exactly_counted_figures_say_so_and_losses_stay_proxies()
    {
        using var kmeans = (ITrainable)ModelCatalog.Create("kmeans", new LatentSharp.Models.Competitive.KMeansOptions { Clusters = 2 }, [4], CPU, 1);
        Assert.Equal(MetricKind.Exact, kmeans.KindOf("ari"));
        Assert.Equal(MetricKind.Exact, kmeans.KindOf("inertia"));
        Assert.Equal(MetricKind.Proxy, kmeans.KindOf("loss"));
        using var classifier = (ITrainable)ModelCatalog.Create("classifier", null, [4], CPU, 1);
        Assert.Equal(MetricKind.Exact, classifier.KindOf("accuracy"));
        Assert.Equal(MetricKind.Proxy, classifier.KindOf("loss"));
        using var som = (ITrainable)ModelCatalog.Create("som", null, [4], CPU, 1);
        Assert.Equal(MetricKind.Exact, som.KindOf(MetricKeys.QuantizationError));
        using var autoencoder = (ITrainable)ModelCatalog.Create("autoencoder", null, [4], CPU, 1);
        Assert.Equal(MetricKind.Proxy, autoencoder.KindOf("recon"));
    }
}
