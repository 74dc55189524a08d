using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models;

// Float32 convolutions have been seen to return wrong values when other tests run torch work in
// parallel (about one suite run in four; open question, see the foundation issue note): run serially.
[Collection(LatentSharp.Tests.Models.Autoencoders.JacobianCollection.Name)]
public class AutoencoderTests
{
    static IModel Create(string name, LatentSharp.Options.ModelOptions options, long[] shape, long seed = 1) =>
        ModelCatalog.Create(name, options, shape, CPU, seed);

    [Theory]
    [InlineData(28, 28)]
    [InlineData(27, 29)]
    [InlineData(9, 16)]
    public void Conv_autoencoder_reconstructs_to_exactly_the_input_size(long height, long width)
    {
        using var model = (Autoencoder)Create("conv-autoencoder", new ConvolutionalAutoencoderOptions { Channels = [4, 8], CodeSize = 5 }, [1, height, width]);
        using var x = rand(3, 1, height, width);
        using var reconstruction = model.Reconstruct(x);
        using var codes = model.Encode(x);
        Assert.Equal(x.shape, reconstruction.shape);
        Assert.Equal(new long[] { 3, 5 }, codes.shape);
        Assert.True(reconstruction.min().item<float>() >= 0 && reconstruction.max().item<float>() <= 1);
    }

    [Fact]
    public void Bce_refuses_data_outside_zero_one_and_names_the_mse_loss()
    {
        using var model = (Autoencoder)Create("autoencoder", new AutoencoderOptions { HiddenSizes = [4], CodeSize = 2 }, [3]);
        using var inRange = new Dataset("in-range", rand(700, 3));
        ((IDataChecked)model).CheckData(inRange);
        // One value out of range, in the second batch of the scan.
        using var values = rand(700, 3);
        values[600, 1] = tensor(1.5f);
        using var outOfRange = new Dataset("scaled", values);
        var e = Assert.Throws<ArgumentException>(() => ((IDataChecked)model).CheckData(outOfRange));
        Assert.Contains("--loss mse", e.Message);
        Assert.Contains("1.5", e.Message);
        Assert.Contains("'scaled'", e.Message);
        using var mse = (Autoencoder)Create("autoencoder", new AutoencoderOptions { HiddenSizes = [4], CodeSize = 2, Loss = ReconstructionLoss.Mse }, [3]);
        ((IDataChecked)mse).CheckData(outOfRange);
    }

    [Fact]
    public void A_shape_error_states_the_sample_shape_and_the_batch()
    {
        using var model = (Autoencoder)Create("autoencoder", new AutoencoderOptions { HiddenSizes = [4], CodeSize = 2 }, [5]);
        var e = Assert.Throws<ArgumentException>(() => model.Encode(rand(300, 4)));
        Assert.Contains("expects samples of shape [5]; got samples of shape [4] (a batch [300, 4])", e.Message);
    }

    [Fact]
    public void Dense_autoencoder_accepts_flat_or_image_batches()
    {
        using var model = (Autoencoder)Create("autoencoder", new AutoencoderOptions { HiddenSizes = [20, 10], CodeSize = 2 }, [1, 6, 6]);
        using var images = rand(4, 1, 6, 6);
        using var flat = images.reshape(4, 36);
        using var a = model.Encode(images);
        using var b = model.Encode(flat);
        Assert.True(TestData.Same(a, b));
        Assert.Equal(new long[] { 4, 2 }, a.shape);
        var e = Assert.Throws<ArgumentException>(() => model.Encode(rand(4, 35)));
        Assert.Contains("[1, 6, 6]", e.Message);
    }

    [Fact]
    public void Bce_loss_is_the_per_image_sum_averaged_over_the_batch()
    {
        using var model = (Autoencoder)Create("autoencoder", new AutoencoderOptions { HiddenSizes = [8], CodeSize = 2 }, [4]);
        using var x = rand(5, 4, generator: new Generator(2));
        using var generator = new Generator(0);
        var metrics = model.Evaluate(new Dataset("x", x.clone()), new TrainingContext(generator, 2));
        using var r = model.Reconstruct(x).clamp(1e-7, 1 - 1e-7);
        double expected = -(x * r.log() + (1 - x) * (1 - r).log()).sum(1).mean().item<float>();
        Assert.Equal(expected, metrics["loss"], 3);
        Assert.Equal(metrics["loss"], metrics["recon"]);
    }

    [Fact]
    public void Mse_autoencoder_with_linear_output_learns_real_valued_data()
    {
        using var data = TestData.LowRankImages(256);
        using var shifted = new Dataset("shifted", (data.Features * 4 - 2).MoveToOuterDisposeScope());
        using var model = (ITrainable)Create("autoencoder", new AutoencoderOptions
        {
            HiddenSizes = [32], CodeSize = 3, Output = OutputActivation.Linear, Loss = ReconstructionLoss.Mse,
        }, [1, 8, 8]);
        var result = new Trainer(new TrainerOptions { Epochs = 10, BatchSize = 32 }).Fit(model, shifted, shifted, "test");
        Assert.True(result.History[^1]["test.loss"] < 0.5 * result.History[0]["test.loss"],
            $"{result.History[0]["test.loss"]} -> {result.History[^1]["test.loss"]}");
    }

    [Theory]
    [InlineData("autoencoder")]
    [InlineData("conv-autoencoder")]
    public void Save_then_load_round_trips_bit_exactly(string name)
    {
        using var dir = TestData.TempDir();
        using var data = TestData.LowRankImages(64);
        LatentSharp.Options.ModelOptions options = name == "autoencoder"
            ? new AutoencoderOptions { HiddenSizes = [16], CodeSize = 3 }
            : new ConvolutionalAutoencoderOptions { Channels = [4, 8], CodeSize = 3, LearningRate = 2e-3 };
        using var model = Create(name, options, [1, 8, 8]);
        new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 16 }).Fit((ITrainable)model, data);
        var path = dir.File("model.safetensors");
        ModelFile.Save(model, path);
        using var loaded = ModelFile.Load(path);
        Assert.Equal(name, loaded.Name);
        Assert.Equal(LatentSharp.Options.OptionsJson.Serialize(options), LatentSharp.Options.OptionsJson.Serialize(loaded.Options));
        foreach (var (key, tensor) in model.State) Assert.True(TestData.Same(tensor, loaded.State[key]), key);
        using var a = ((IReconstructor)model).Reconstruct(data.Features);
        using var b = ((IReconstructor)loaded).Reconstruct(data.Features);
        Assert.True(TestData.Same(a, b));
    }

    [Fact]
    public void Loading_weights_of_another_architecture_is_refused()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("model.safetensors");
        using var model = Create("autoencoder", new AutoencoderOptions { HiddenSizes = [16], CodeSize = 3 }, [1, 8, 8]);
        ModelFile.Save(model, path);
        using var other = Create("autoencoder", new AutoencoderOptions { HiddenSizes = [16, 8], CodeSize = 3 }, [1, 8, 8]);
        var (tensors, _) = SafeTensorsFile.Read(path);
        var e = Assert.Throws<CheckpointException>(() => ModelFile.CopyState(other.State, tensors, path, "model"));
        Assert.Contains("another model", e.Message);
        using var wider = Create("autoencoder", new AutoencoderOptions { HiddenSizes = [17], CodeSize = 3 }, [1, 8, 8]);
        e = Assert.Throws<CheckpointException>(() => ModelFile.CopyState(wider.State, tensors, path, "model"));
        Assert.Contains("[16, 64]", e.Message);
    }

    [Fact]
    public void A_corrupted_model_file_is_refused()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("model.safetensors");
        using var model = Create("autoencoder", new AutoencoderOptions { HiddenSizes = [16], CodeSize = 3 }, [1, 8, 8]);
        ModelFile.Save(model, path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2 + 200] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<CheckpointException>(() => ModelFile.Load(path));
    }
}
