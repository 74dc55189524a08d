namespace LatentSharp.Data;

/// <summary>Splits <c>[0, count)</c> into consecutive minibatch ranges (the last may be shorter).</summary>
public static class BatchRanges
{
    /// <summary>The (start, length) of each batch.</summary>
    public static IEnumerable<(long Start, long Length)> Of(long count, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (long start = 0; start < count; start += batchSize)
            yield return (start, Math.Min(batchSize, count - start));
    }

    /// <summary>Number of batches.</summary>
    public static long Count(long count, int batchSize) => (count + batchSize - 1) / batchSize;
}
