using LatentSharp.Data;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>The two sample sets a sample-quality estimator compares: a generator's samples and a random part of a split.</summary>
public static class EstimatorSamples
{
    /// <summary>
    /// <paramref name="count"/> samples of <paramref name="data"/> chosen at random without replacement
    /// (all of it, shuffled, when it holds fewer), drawn from <paramref name="generator"/>: <c>[n, ...sample shape]</c> on the CPU.
    /// </summary>
    public static Tensor RandomPart(IBatchSource data, long count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var indices = randperm(data.Count, generator: generator).narrow(0, 0, Math.Min(count, data.Count));
        return data.ReadBatch(indices, CPU).Features.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="count"/> samples of <paramref name="model"/> drawn from <paramref name="generator"/>,
    /// <c>[count, ...input shape]</c> on the CPU, in passes of at most <paramref name="perPass"/> (a memory bound).
    /// </summary>
    public static Tensor FromModel(IGenerator model, long count, Generator generator, int perPass = 10_000)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        foreach (var (_, length) in BatchRanges.Of(count, perPass))
            parts.Add(model.Sample(length, generator).cpu());
        return (parts.Count == 1 ? parts[0] : cat(parts, 0)).MoveToOuterDisposeScope();
    }

    /// <summary>Rows of <paramref name="samples"/> flattened to <c>[n, D]</c> in float64.</summary>
    public static Tensor Flat64(Tensor samples) => samples.reshape(samples.shape[0], -1).to(ScalarType.Float64);
}
