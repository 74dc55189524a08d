namespace LatentSharp.Evaluation;

/// <summary>
/// Agreement between two partitions of the same samples (e.g. cluster assignments against class
/// labels), invariant to how either side numbers its groups. Both scores are computed from the
/// contingency table, as scikit-learn's <c>adjusted_rand_score</c> and
/// <c>normalized_mutual_info_score</c> (arithmetic-mean normalisation) do.
/// </summary>
public static class ClusteringScores
{
    /// <summary>
    /// Adjusted Rand index (Hubert &amp; Arabie 1985): the Rand index corrected for chance.
    /// 1 for identical partitions (up to renaming), ≈0 for independent ones, can be negative.
    /// </summary>
    /// <param name="truth">One group id per sample.</param>
    /// <param name="predicted">One group id per sample, same length.</param>
    public static double AdjustedRandIndex(IReadOnlyList<long> truth, IReadOnlyList<long> predicted)
    {
        var (table, rows, columns, n) = Contingency(truth, predicted);
        // Special cases as scikit-learn: one group on both sides, or every sample its own group.
        if (rows.Count == columns.Count && (rows.Count <= 1 || rows.Count == n)) return 1.0;
        double sumCells = table.Values.Sum(c => Pairs(c));
        double sumRows = rows.Values.Sum(c => Pairs(c));
        double sumColumns = columns.Values.Sum(c => Pairs(c));
        double expected = sumRows * sumColumns / Pairs(n);
        double maximum = (sumRows + sumColumns) / 2;
        return maximum == expected ? 1.0 : (sumCells - expected) / (maximum - expected);
    }

    /// <summary>
    /// Normalised mutual information: I(truth; predicted) / ((H(truth) + H(predicted)) / 2), in [0, 1].
    /// 1 for identical partitions (up to renaming), ≈0 for independent ones (not chance-corrected:
    /// small samples with many groups score above 0).
    /// </summary>
    /// <param name="truth">One group id per sample.</param>
    /// <param name="predicted">One group id per sample, same length.</param>
    public static double NormalizedMutualInformation(IReadOnlyList<long> truth, IReadOnlyList<long> predicted)
    {
        var (table, rows, columns, n) = Contingency(truth, predicted);
        // Both sides a single group: identical partitions (scikit-learn returns 1 too).
        if (rows.Count == 1 && columns.Count == 1) return 1.0;
        double mutual = 0;
        foreach (var ((r, c), count) in table)
            mutual += (double)count / n * Math.Log((double)count * n / ((double)rows[r] * columns[c]));
        double hTruth = Entropy(rows.Values, n), hPredicted = Entropy(columns.Values, n);
        double normaliser = (hTruth + hPredicted) / 2;
        if (normaliser <= 0) return 1.0;
        return Math.Clamp(mutual / normaliser, 0.0, 1.0);
    }

    static double Pairs(long count) => count * (count - 1) / 2.0;

    static double Entropy(IEnumerable<long> counts, long n) =>
        -counts.Where(c => c > 0).Sum(c => (double)c / n * Math.Log((double)c / n));

    static (Dictionary<(long, long), long> Table, Dictionary<long, long> Rows, Dictionary<long, long> Columns, long N) Contingency(
        IReadOnlyList<long> truth, IReadOnlyList<long> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"The partitions must label the same samples: {truth.Count} truth labels but {predicted.Count} predicted.", nameof(predicted));
        if (truth.Count == 0) throw new ArgumentException("The partitions are empty.", nameof(truth));
        var table = new Dictionary<(long, long), long>();
        var rows = new Dictionary<long, long>();
        var columns = new Dictionary<long, long>();
        for (int i = 0; i < truth.Count; i++)
        {
            var key = (truth[i], predicted[i]);
            table[key] = table.GetValueOrDefault(key) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[predicted[i]] = columns.GetValueOrDefault(predicted[i]) + 1;
        }
        return (table, rows, columns, truth.Count);
    }
}
