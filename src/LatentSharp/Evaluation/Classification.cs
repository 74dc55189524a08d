using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>Small helpers shared by the classifiers that score representations.</summary>
public static class Classification
{
    /// <summary>Fraction of positions where <paramref name="predicted"/> equals <paramref name="labels"/> (both <c>[N]</c> integers).</summary>
    public static double Accuracy(Tensor predicted, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (predicted.dim() != 1 || !predicted.shape.SequenceEqual(labels.shape))
            throw new ArgumentException($"Predictions [{string.Join(", ", predicted.shape)}] and labels [{string.Join(", ", labels.shape)}] must both be [N].", nameof(labels));
        if (predicted.shape[0] == 0) throw new ArgumentException("No samples to score.", nameof(labels));
        using var scope = NewDisposeScope();
        return predicted.to(ScalarType.Int64).cpu().eq(labels.to(ScalarType.Int64).cpu()).to(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>Number of classes implied by integer labels: the largest label plus one (at least 2).</summary>
    public static int ClassCount(params Tensor?[] labels)
    {
        long max = 1;
        foreach (var l in labels)
            if (l is not null && l.numel() > 0)
                max = Math.Max(max, l.max().item<long>());
        return checked((int)(max + 1));
    }
}
