using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation.Estimators;

/// <summary>Test doubles with one capability each, and data with planted answers.</summary>
internal abstract class PlantedModel(string name, long[] inputShape) : IModel
{
    public string Name => name;
    public ModelOptions Options { get; } = new TrainerOptions();
    public long[] InputShape => inputShape;
    public Device Device => CPU;
    public IReadOnlyDictionary<string, Tensor> State { get; } = new Dictionary<string, Tensor>();
    public void Dispose() { }
}

/// <summary>Reconstructs its input exactly; has no encoder.</summary>
internal sealed class IdentityReconstructor(long[] inputShape) : PlantedModel("identity", inputShape), IReconstructor
{
    public Tensor Reconstruct(Tensor input) => input.clone();
}

/// <summary>Its codes are its flattened inputs; it cannot reconstruct.</summary>
internal sealed class FlatteningEncoder(long[] inputShape) : PlantedModel("flatten", inputShape), IEncoder
{
    public long CodeSize => InputShape.Aggregate(1L, (a, b) => a * b);
    public Tensor Encode(Tensor input) => input.reshape(input.shape[0], -1).clone();
}

/// <summary>Reports fixed figures: a bound "elbo" and a proxy "loss"; counts how often it was evaluated on how many samples.</summary>
internal sealed class FixedFiguresModel() : PlantedModel("fixed", [2]), ITrainable
{
    public IReadOnlyDictionary<string, Tensor> TrainingState { get; } = new Dictionary<string, Tensor>();
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context) => throw new NotSupportedException();
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) =>
        new Dictionary<string, double> { ["loss"] = 2.5, ["elbo"] = -data.Count };
    public MetricKind KindOf(string metric) => metric == "elbo" ? MetricKind.Bound : MetricKind.Proxy;
}

internal static class PlantedData
{
    /// <summary>
    /// Two classes in 2-D, far apart: class 0 around (−5, −5), class 1 around (5, 5), spread 0.5. A linear
    /// probe and k-NN both classify them perfectly.
    /// </summary>
    public static Dataset Separated(long n, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var labels = arange(n, dtype: ScalarType.Int64) % 2;
        var centres = (labels.to(ScalarType.Float32) * 10 - 5).unsqueeze(1).expand(n, 2);
        var features = centres + randn(n, 2, generator: generator) * 0.5f;
        return new Dataset($"separated-{seed}", features.to(ScalarType.Float32).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Binary images [n, 1, 4, 4] (every value 0 or 1), no labels.</summary>
    public static Dataset BinaryImages(long n, long seed)
    {
        using var generator = new Generator((ulong)seed);
        return new Dataset("binary", (rand(n, 1, 4, 4, generator: generator) > 0.5).to(ScalarType.Float32));
    }
}
