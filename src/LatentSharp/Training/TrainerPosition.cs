namespace LatentSharp.Training;

/// <summary>Where a run stands, as stored in a checkpoint (everything but tensors).</summary>
internal sealed record TrainerPosition
{
    public int Epoch { get; init; }
    public long BatchInEpoch { get; init; }
    public long Step { get; init; }
    public long Seed { get; init; }
    public int BatchSize { get; init; }
    public double BestMonitored { get; init; } = double.PositiveInfinity;
    public int EpochsWithoutImprovement { get; init; }
    public Dictionary<string, double> PartialSums { get; init; } = new();
    public double PartialWeight { get; init; }
    public double PartialSeconds { get; init; }
}
