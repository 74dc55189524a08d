using LatentSharp.Models;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Fixed images (real ones, or samples a peer stored) seen as a generator, drawn without replacement
/// (a permutation) while they last, so the sample-quality estimators score them as they score a model.
/// </summary>
sealed class ImagesAsGenerator(Tensor images) : IGenerator
{
    public string Name => "stored-images";
    public ModelOptions Options { get; } = new Training.TrainerOptions();
    public long[] InputShape => images.shape[1..];
    public Device Device => CPU;
    public IReadOnlyDictionary<string, Tensor> State { get; } = new Dictionary<string, Tensor>();

    public Tensor Sample(long count, Generator? generator = null)
    {
        using var order = randperm(images.shape[0], generator: generator);
        using var pick = order.narrow(0, 0, Math.Min(count, images.shape[0]));
        return images.index_select(0, pick);
    }

    public void Dispose() { }
}
