using LatentSharp.Options;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// How much memory a self-organising map needs, and the refusal, up front, of one that will not fit
/// (a 200 × 200 map needs tens of GB for its unit-to-unit matrices: refused with the estimate, not
/// killed by the kernel).
/// </summary>
internal static class SomMemory
{
    const double MemoryFraction = 0.8;             // of the memory available: the rest is the process and the data

    /// <summary>
    /// The memory a map needs at its peak, in bytes: the <c>[U, U]</c> matrices (float32 grid
    /// distances, bool adjacency, the CPU loop's float32 copy of the distances) and the prototypes
    /// <c>[U, D]</c> (plus the float64 running sums in batch mode), with the largest temporary on
    /// top: kohonen's default radius sorts U² float64 distances once; a batch step evaluates the
    /// kernel <c>[U, U]</c> in float32 and float64. Sample-to-unit distances are computed in chunks
    /// of at most 16 M values, whatever the batch size, so the number of samples does not count.
    /// </summary>
    public static long EstimateBytes(SelfOrganizingMapOptions options, long[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        double units = (double)options.Rows * options.Columns;
        double features = inputShape.Aggregate(1.0, (a, b) => a * b);
        double square = units * units;
        double kept = square * (4 + 1 + 4) + units * features * (options.Mode == SomMode.Batch ? 4 + 8 : 4);
        double building = square * 4;                                         // each matrix is filled in managed memory first
        double radius = options.RadiusStart > 0 ? 0 : square * 8;
        double batchKernel = options.Mode == SomMode.Batch ? square * (4 + 8) : 0;
        double distances = SelfOrganizingMap.DefaultDistanceChunkElements * 4.0;   // one chunk of float32 distances (addmm, then in place)
        double peak = kept + Math.Max(building, Math.Max(radius, batchKernel)) + distances;
        return peak >= long.MaxValue ? long.MaxValue : (long)peak;
    }

    public static void Check(SelfOrganizingMapOptions options, long[] inputShape, long? limit)
    {
        long needed = EstimateBytes(options, inputShape);
        string budget;
        if (limit is { } given) budget = Bytes(given);
        else
        {
            long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            limit = (long)(available * MemoryFraction);
            budget = $"{Bytes(limit.Value)} ({MemoryFraction * 100:0}% of the {Bytes(available)} available)";
        }
        if (needed <= limit) return;
        long units = (long)options.Rows * options.Columns;
        throw new InvalidOptionException(nameof(options.Rows), options.Rows,
            $"small enough for the map to fit in memory: a {options.Rows} × {options.Columns} map needs about {Bytes(needed)} " +
            $"(its [{units}, {units}] unit-to-unit matrices grow with the square of the units), more than the limit of {budget}; use fewer rows or columns");
    }

    static string Bytes(long bytes) => bytes >= 1L << 30
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MB");
}
