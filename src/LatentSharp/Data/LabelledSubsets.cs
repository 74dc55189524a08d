using static TorchSharp.torch;

namespace LatentSharp.Data;

/// <summary>Labelled subsets for semi-supervised experiments.</summary>
public static class LabelledSubsets
{
    /// <summary>
    /// A class-balanced subset: <paramref name="perClass"/> samples of every class present in
    /// <paramref name="data"/>, chosen at random with <paramref name="seed"/> (the same seed gives
    /// the same subset), in random order.
    /// </summary>
    /// <exception cref="ArgumentException">The data has no labels, or a class has fewer than <paramref name="perClass"/> samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perClass"/> is below 1.</exception>
    public static Dataset Balanced(Dataset data, int perClass, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        var labels = data.Labels ?? throw new ArgumentException($"'{data.Name}' has no labels.", nameof(data));
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var (classes, _, counts) = labels.unique(sorted: true, return_counts: true);
        var chosen = new List<Tensor>();
        var classValues = classes.data<long>().ToArray();
        var classCounts = counts!.data<long>().ToArray();
        for (int c = 0; c < classValues.Length; c++)
        {
            if (classCounts[c] < perClass)
                throw new ArgumentException($"Class {classValues[c]} of '{data.Name}' has only {classCounts[c]} samples; {perClass} per class were asked for.", nameof(perClass));
            var members = labels.eq(classValues[c]).nonzero().squeeze(1);
            chosen.Add(members.index_select(0, randperm(members.shape[0], generator: generator).narrow(0, 0, perClass)));
        }
        var all = cat(chosen, 0);
        var indices = all.index_select(0, randperm(all.shape[0], generator: generator));
        return new Dataset($"{data.Name}/{perClass}-per-class", data.Features.index_select(0, indices).MoveToOuterDisposeScope(),
            labels.index_select(0, indices).MoveToOuterDisposeScope(), data.ClassNames);
    }
}
