namespace LatentSharp.Training;

/// <summary>
/// How a fine-tuning run (<c>latent finetune</c>) was set up: which run's encoder it started from
/// and which labels it trained on. Kept in the run's config.json, so that a resume trains on the
/// same labelled subset and a fine-tuning run is told apart from a plain training run.
/// </summary>
public sealed record FineTuningConfig
{
    /// <summary>The run folder whose encoder was fine-tuned (for a from-scratch baseline: whose shape was copied).</summary>
    public required string PretrainedRun { get; init; }

    /// <summary>True when the classifier started from random weights instead of the pretrained encoder.</summary>
    public bool FromScratch { get; init; }

    /// <summary>Labels per class in the class-balanced training subset (drawn with the trainer's seed); null = every label.</summary>
    public int? LabelsPerClass { get; init; }
}
