using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

/// <summary>
/// A generator whose samples are rows of fixed images picked at random: real test images (a perfect
/// model of them) or one image (total mode collapse). Trainable as a no-op, so the Trainer's epoch checks see it.
/// </summary>
internal sealed class ReplayGenerator(Tensor images) : IGenerator, ITrainable
{
    public string Name => "replay";
    public ModelOptions Options { get; } = new TrainerOptions();
    public long[] InputShape => images.shape.Skip(1).ToArray();
    public Device Device => CPU;
    public IReadOnlyDictionary<string, Tensor> State { get; } = new Dictionary<string, Tensor>();
    public IReadOnlyDictionary<string, Tensor> TrainingState { get; } = new Dictionary<string, Tensor>();

    public Tensor Sample(long count, Generator? generator = null)
    {
        using var pick = randint(images.shape[0], [count], generator: generator, dtype: ScalarType.Int64);
        return images.index_select(0, pick);
    }

    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context) => new Dictionary<string, double> { ["loss"] = 1 };
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) => new Dictionary<string, double> { ["loss"] = 1 };
    public void Dispose() { }

    /// <summary>The embedded Fashion-MNIST subset: 5,000 training and 1,000 test images, 28×28 in [0, 1] (the caller disposes it).</summary>
    public static DataSplit Embedded() => DataSources.Resolve(null);
}
