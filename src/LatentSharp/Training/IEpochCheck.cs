using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// A check the <see cref="Trainer"/> runs on any model after every epoch, for conditions the model
/// cannot see in its own figures (mode collapse, read from its samples). A check decides by
/// capability whether it applies, and returns nothing when it does not.
/// </summary>
public interface IEpochCheck
{
    /// <summary>The conditions found after the epoch of <paramref name="record"/> (empty when none, or when the check does not apply).</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="record">The epoch's figures.</param>
    /// <param name="train">The training data.</param>
    /// <param name="generator">A stream for this check and epoch alone (seeded by the run's seed and the epoch): drawing from it never moves training.</param>
    IReadOnlyList<TrainingCondition> Check(ITrainable model, EpochRecord record, IBatchSource train, Generator generator);
}
