using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>The check that data a model trains on with labels has them, and in range.</summary>
internal static class ClassLabels
{
    const int ChunkSize = 8192;

    /// <summary>Refuses data without labels, or with a label ≥ <paramref name="classes"/> (or negative, unless <paramref name="allowUnlabelled"/>).</summary>
    public static void Check(string modelName, IBatchSource data, int classes, bool allowUnlabelled)
    {
        if (!data.HasLabels)
            throw new ArgumentException($"{modelName} trains with class labels, but '{data.Name}' has none.");
        foreach (var (start, length) in BatchRanges.Of(data.Count, ChunkSize))
        {
            using var scope = NewDisposeScope();
            var labels = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), CPU).Labels!;
            long low = labels.min().item<long>(), high = labels.max().item<long>();
            if (high >= classes || low < (allowUnlabelled ? long.MinValue : 0))
                throw new ArgumentException($"{modelName} takes labels 0..{classes - 1}{(allowUnlabelled ? " (negative: unlabelled)" : "")} (--classes {classes}), but '{data.Name}' has labels from {low} to {high}.");
        }
    }

    /// <summary>One-hot rows <c>[B, classes]</c> (float32) of labels <c>[B]</c>.</summary>
    public static Tensor OneHot(Tensor labels, int classes) => nn.functional.one_hot(labels, classes).to(ScalarType.Float32);
}
