using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// How a set of samples spreads over classes, from their predicted classes: a sign of mode collapse
/// when a generator's samples fall in few classes (Salimans et al. 2016 and later work read a
/// classifier's predictions the same way).
/// </summary>
/// <param name="Count">Samples counted.</param>
/// <param name="Shares">Fraction of the samples in each class.</param>
/// <param name="Covered">Classes holding at least the minimum share the figures were computed with.</param>
/// <param name="Entropy">Entropy of <paramref name="Shares"/> in nats (ln K when uniform over K classes, 0 for one class).</param>
/// <param name="EntropyStandardError">Standard error of the plug-in entropy, by the delta method: √((Σ p ln² p − H²) / n).</param>
public sealed record ClassCoverage(long Count, IReadOnlyList<double> Shares, int Covered, double Entropy, double EntropyStandardError)
{
    /// <summary>The share of the most frequent class.</summary>
    public double LargestShare => Shares.Max();

    /// <summary>The coverage of <paramref name="predictions"/> (class indices <c>[N]</c> in [0, <paramref name="classes"/>)).</summary>
    /// <param name="predictions">Predicted classes, int64.</param>
    /// <param name="classes">Number of classes, ≥ 1.</param>
    /// <param name="minimumShare">A class counts as covered when it holds at least this fraction of the samples (and at least one sample).</param>
    /// <exception cref="ArgumentException">No predictions, or a class outside the range.</exception>
    public static ClassCoverage Of(Tensor predictions, int classes, double minimumShare)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        long count = predictions.numel();
        if (count == 0) throw new ArgumentException("Class coverage needs at least one prediction.", nameof(predictions));
        using var scope = NewDisposeScope();
        var flat = predictions.reshape(-1).to(ScalarType.Int64).cpu();
        var (low, high) = flat.aminmax();
        if (low.item<long>() < 0 || high.item<long>() >= classes)
            throw new ArgumentException($"Predicted classes must lie in [0, {classes}); got {low.item<long>()}..{high.item<long>()}.", nameof(predictions));
        var counts = flat.bincount(null, classes).data<long>().ToArray();
        var shares = counts.Select(c => (double)c / count).ToArray();
        double entropy = Math.Max(0, -shares.Where(p => p > 0).Sum(p => p * Math.Log(p)));   // never "-0" for one class
        double secondMoment = shares.Where(p => p > 0).Sum(p => p * Math.Log(p) * Math.Log(p));
        int covered = counts.Count(c => c > 0 && (double)c / count >= minimumShare);
        return new ClassCoverage(count, shares, covered, entropy, Math.Sqrt(Math.Max(0, secondMoment - entropy * entropy) / count));
    }
}
