using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models;

public class DenoisingAutoencoderTests
{
    [Fact]
    public void Training_sees_corrupted_inputs_but_evaluation_reconstructs_clean_ones()
    {
        using var data = TestData.LowRankImages(64);
        var plainOptions = new AutoencoderOptions { HiddenSizes = [16], CodeSize = 3 };
        // Same seed, same architecture: identical initial weights; only the training-input corruption differs.
        using var denoising = (Autoencoder)ModelCatalog.Create("autoencoder", plainOptions with { Noise = "masking:0.95" }, data.SampleShape, CPU, seed: 1);
        using var plain = (Autoencoder)ModelCatalog.Create("autoencoder", plainOptions, data.SampleShape, CPU, seed: 1);
        Assert.Equal("masking:0.95", denoising.Corruption!.Spec);
        Assert.Null(plain.Corruption);
        // Train the plain one so its output depends on its input, then give the denoising one the same weights.
        new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 16 }).Fit(plain, data, null, "test");
        using (no_grad())
            foreach (var (name, tensor) in denoising.State) tensor.copy_(plain.State[name]);

        using var g1 = new Generator(0);
        using var g2 = new Generator(0);
        var denoisingEval = denoising.Evaluate(data, new TrainingContext(g1, 64))["loss"];
        var plainEval = plain.Evaluate(data, new TrainingContext(g2, 64))["loss"];
        Assert.Equal(plainEval, denoisingEval, 6);   // evaluation: clean inputs for both

        using var batchIndices = arange(64, dtype: ScalarType.Int64);
        var batch = data.ReadBatch(batchIndices, CPU);
        // A step reports the loss computed before its update, on the same weights as the evaluations above.
        var plainTrain = plain.TrainStep(batch, new TrainingContext(g1, 64))["loss"];
        var denoisingTrain = denoising.TrainStep(batch, new TrainingContext(g2, 64))["loss"];
        Assert.Equal(plainEval, plainTrain, 4);
        Assert.True(denoisingTrain > plainTrain + 1, $"masked training loss {denoisingTrain} vs clean {plainTrain}");
    }

    [Fact]
    public void The_registry_preset_is_a_masking_denoising_autoencoder()
    {
        using var model = (Autoencoder)ModelCatalog.Create("denoising-autoencoder", null, [1, 8, 8], CPU, seed: 1);
        Assert.IsType<LatentSharp.Corruption.MaskingNoise>(model.Corruption);
        Assert.Equal(0.3, ((LatentSharp.Corruption.MaskingNoise)model.Corruption!).Fraction);
    }

    [Fact]
    public void A_noise_that_cannot_apply_to_the_samples_is_refused_when_the_model_is_built()
    {
        var e = Assert.Throws<LatentSharp.Options.InvalidOptionException>(() =>
            ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [8], CodeSize = 2, Noise = "gaussian:0.1+blocks:9" }, [1, 8, 8], CPU, seed: 1));
        Assert.Equal("Noise", e.Field);
        Assert.Contains("does not fit in 8×8 images", e.Message);
        using var fits = ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [8], CodeSize = 2, Noise = "blocks:8" }, [1, 8, 8], CPU, seed: 1);
    }
}
