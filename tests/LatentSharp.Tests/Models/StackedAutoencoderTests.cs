using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models;

public class StackedAutoencoderTests
{
    static readonly StackedAutoencoderOptions Small = new() { LayerSizes = [16, 4], EpochsPerLayer = 1, Noise = "masking:0.2", LearningRate = 3e-3 };

    static StackedAutoencoder Create(StackedAutoencoderOptions options, long seed = 1) =>
        (StackedAutoencoder)ModelCatalog.Create("stacked-autoencoder", options, [1, 8, 8], CPU, seed);

    static Dictionary<string, Tensor> Snapshot(IReadOnlyDictionary<string, Tensor> state) =>
        state.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    [Fact]
    public void Bce_refuses_data_outside_zero_one()
    {
        using var model = Create(Small);
        using var values = rand(10, 1, 8, 8) * 2 - 0.5;
        var e = Assert.Throws<ArgumentException>(() => ((IDataChecked)model).CheckData(new LatentSharp.Data.Dataset("wide", values)));
        Assert.Contains("--loss mse", e.Message);
        ((IDataChecked)model).CheckData(new LatentSharp.Data.Dataset("unit", rand(10, 1, 8, 8)));
    }

    [Fact]
    public void Each_layer_is_a_logged_phase_and_evaluation_after_training_reports_the_whole_stack()
    {
        using var data = TestData.LowRankImages(64);
        using var dir = TestData.TempDir();
        using var model = Create(Small);
        new Trainer(new TrainerOptions { Epochs = 4, BatchSize = 32, Seed = 3 }, dir.Path).Fit(model, data, data, "test");
        var records = MetricsFile.Read(Path.Combine(dir.Path, MetricsFile.FileName));
        Assert.Equal(["layer-1", "layer-2", "fine-tune", "fine-tune"], records.Select(r => r.Phase));
        // What `latent evaluate` does: a context made outside the Trainer stands after training, in the
        // last phase, so the figures are the whole stack's, not layer 1's greedy loss.
        using var generator = new Generator(1);
        var figures = model.Evaluate(data, new TrainingContext(generator, 32));
        Assert.Equal(3.0, figures[StackedAutoencoder.LayerKey]);
        Assert.Equal(figures[StackedAutoencoder.StackReconstructionKey], figures[MetricKeys.Loss], 6);
    }

    [Fact]
    public void Pretraining_trains_one_layer_at_a_time_and_keeps_the_layers_below_frozen()
    {
        using var data = TestData.LowRankImages(128);
        using var dir = TestData.TempDir();
        using var model = Create(Small);
        var initial = Snapshot(model.State);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, Seed = 3 };
        new Trainer(options, dir.Path).Fit(model, data, data, "test");
        var afterLayer1 = Snapshot(model.State);
        var layer1Training = Snapshot(model.TrainingState.Where(kv => kv.Key.StartsWith("layer1.")).ToDictionary());

        // Epoch 1 trained layer 1 only.
        Assert.False(TestData.Same(initial["layers.0.encoder.weight"], afterLayer1["layers.0.encoder.weight"]));
        Assert.True(TestData.Same(initial["layers.1.encoder.weight"], afterLayer1["layers.1.encoder.weight"]));

        var result = new Trainer(options with { Epochs = 2 }, dir.Path).Fit(model, data, data, "test", resume: true);
        // Epoch 2 trained layer 2; layer 1 (weights, decoder and its optimiser) did not move.
        foreach (var key in afterLayer1.Keys.Where(k => k.StartsWith("layers.0.")))
            Assert.True(TestData.Same(afterLayer1[key], model.State[key]), $"{key} changed while training layer 2");
        foreach (var (key, value) in layer1Training)
            Assert.True(TestData.Same(value, model.TrainingState[key]), $"{key} changed while training layer 2");
        Assert.False(TestData.Same(afterLayer1["layers.1.encoder.weight"], model.State["layers.1.encoder.weight"]));
        Assert.Equal(2, result.Final["train.layer"]);
        Assert.True(result.Final["test.stack_recon"] < result.History[0]["test.stack_recon"], "training layer 2 should improve the whole stack's reconstruction");
    }

    [Fact]
    public void Resuming_mid_pretraining_matches_the_uninterrupted_run()
    {
        using var data = TestData.LowRankImages(96);
        var options = Small with { EpochsPerLayer = 2 };
        var trainer = new TrainerOptions { Epochs = 5, BatchSize = 32, Seed = 5 };   // layer 1, 1, layer 2, 2, whole stack

        using var dirA = TestData.TempDir();
        using var uninterrupted = Create(options);
        var full = new Trainer(trainer, dirA.Path).Fit(uninterrupted, data, data, "test");

        using var dirB = TestData.TempDir();
        using (var first = Create(options))
            new Trainer(trainer with { Epochs = 1 }, dirB.Path).Fit(first, data, data, "test");   // stops inside layer 1's phase
        using (var second = Create(options, seed: 42))
            new Trainer(trainer with { Epochs = 3 }, dirB.Path).Fit(second, data, data, "test", resume: true);   // inside layer 2's phase
        using var resumed = Create(options, seed: 99);
        var last = new Trainer(trainer, dirB.Path).Fit(resumed, data, data, "test", resume: true);

        foreach (var (key, value) in uninterrupted.State)
            Assert.True(TestData.Same(value, resumed.State[key]), $"weight {key} differs after resume");
        foreach (var (key, value) in uninterrupted.TrainingState)
            Assert.True(TestData.Same(value, resumed.TrainingState[key]), $"training state {key} differs after resume");
        Assert.Equal(full.Final["test.loss"], last.Final["test.loss"]);
        Assert.Equal(3, full.Final["train.layer"]);
    }

    [Fact]
    public void Encodes_through_every_layer_and_reconstructs_back_to_the_input_shape()
    {
        using var model = Create(Small with { LayerSizes = [12, 6, 3] });
        using var x = rand(5, 1, 8, 8, generator: new Generator(1));
        using var codes = model.Encode(x);
        using var reconstruction = model.Reconstruct(x);
        Assert.Equal(new long[] { 5, 3 }, codes.shape);
        Assert.Equal(x.shape, reconstruction.shape);
        Assert.Equal(3, model.EncoderLayers.Count);
        Assert.Equal(new long[] { 12, 64 }, model.EncoderLayers[0].Weight.shape);
        Assert.Equal(ActivationKind.Linear, model.EncoderLayers[2].Activation);
        // The code is the composition of the dense layers it reports.
        using var manual = x.reshape(5, 64);
        Tensor h = manual;
        foreach (var layer in model.EncoderLayers)
        {
            h = h.matmul(layer.Weight.t()) + layer.Bias;
            if (layer.Activation == ActivationKind.Relu) h = h.relu();
        }
        Assert.True(codes.allclose(h, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Sparsity_needs_sigmoid_codes_and_the_error_names_the_field()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new StackedAutoencoderOptions { SparsityWeight = 1 }.Validate());
        Assert.Equal("Activation", e.Field);
        new StackedAutoencoderOptions { SparsityWeight = 1, Activation = ActivationKind.Sigmoid, CodeActivation = ActivationKind.Sigmoid }.Validate();
        Assert.Throws<InvalidOptionException>(() => new StackedAutoencoderOptions { LayerSizes = [] }.Validate());
    }
}
