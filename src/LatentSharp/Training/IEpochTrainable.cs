using LatentSharp.Data;

namespace LatentSharp.Training;

/// <summary>
/// A trainable model whose update is a function of the whole training set, not of minibatches (a
/// Lloyd iteration of k-means): the <see cref="Trainer"/> hands it the training source once per epoch
/// instead of reading shuffled batches for <see cref="ITrainable.TrainStep"/>, so the model can keep
/// per-run state about every sample (k-means distance bounds) and skip the batch copies. An epoch is
/// then atomic: cancellation and checkpoints happen between epochs.
/// </summary>
public interface IEpochTrainable : ITrainable
{
    /// <summary>Whether this model, as configured, trains whole epochs; false falls back to <see cref="ITrainable.TrainStep"/> per batch.</summary>
    bool TrainsWholeEpochs { get; }

    /// <summary>
    /// One epoch's update from all of <paramref name="train"/> (the same source every epoch). Returns
    /// the epoch's training figures by stable key, <c>loss</c> required, as the mean over samples.
    /// Called inside a dispose scope.
    /// </summary>
    IReadOnlyDictionary<string, double> TrainEpoch(IBatchSource train, TrainingContext context);
}
