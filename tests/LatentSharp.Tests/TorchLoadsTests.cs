using LatentSharp.Models.Autoencoders;
using static TorchSharp.torch;

namespace LatentSharp.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Torch_initialises_from_the_patched_native_library_and_trains_a_step()
    {
        using var x = rand(16, 1, 8, 8);
        using var model = new Autoencoder("autoencoder", new AutoencoderOptions { HiddenSizes = [16], CodeSize = 4 }, [1, 8, 8], CPU);
        using var generator = new Generator(1);
        var context = new LatentSharp.Training.TrainingContext(generator, 16);
        var first = model.TrainStep(new LatentSharp.Data.Batch(x, null), context)["loss"];
        var second = model.TrainStep(new LatentSharp.Data.Batch(x, null), context)["loss"];
        Assert.True(double.IsFinite(first));
        Assert.True(second < first, $"one Adam step should lower the loss on the same batch ({first} -> {second})");

        // TorchSharp copies unpatched libraries into a cpu/ folder only when the first load failed.
        var output = Path.GetDirectoryName(typeof(TorchLoadsTests).Assembly.Location)!;
        Assert.False(Directory.Exists(Path.Combine(output, "cpu")), "the native library failed its first load and was loaded from a fallback copy");
    }
}
