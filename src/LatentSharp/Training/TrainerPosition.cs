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
    /// <summary>Per-key weights of the partial sums; null in checkpoints older than per-key averaging.</summary>
    public Dictionary<string, double>? PartialWeights { get; init; }
    public double PartialWeight { get; init; }
    public double PartialSeconds { get; init; }
    /// <summary>Steps and epochs planned when the run started (0: a checkpoint older than this field).</summary>
    public long TotalSteps { get; init; }
    public int PlannedEpochs { get; init; }
    /// <summary>Current phase and epochs finished in it; null in checkpoints older than phases.</summary>
    public int? PhaseIndex { get; init; }
    public int EpochInPhase { get; init; }
    /// <summary>The 1-based epoch whose weights model.safetensors holds under early stopping (0: none yet).</summary>
    public int BestEpoch { get; init; }
    /// <summary>Why the run ended before its epochs ran out (<c>converged</c>, <c>early-stopping</c>); null while it goes on.</summary>
    public string? FinishedBy { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Finished => FinishedBy is not null;
}
