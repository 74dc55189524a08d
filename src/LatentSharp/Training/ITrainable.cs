using LatentSharp.Data;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// A model the <see cref="Trainer"/> can train. The model owns its update rule: an optimiser
/// step, a contrastive-divergence step, a competitive (SOM / k-means) step or one round of
/// alternating optimisation all fit behind <see cref="TrainStep"/>.
/// </summary>
public interface ITrainable : IModel
{
    /// <summary>
    /// One update from one minibatch. Returns the batch's figures by stable key; <c>loss</c> is
    /// required (it is what NaN detection and early stopping watch). Called inside a dispose scope.
    /// </summary>
    IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context);

    /// <summary>Mean figures over <paramref name="data"/> (no gradient, model in evaluation mode).</summary>
    IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context);

    /// <summary>
    /// State needed to resume training exactly but not to use the model (optimiser moments, step
    /// counters, persistent chains), by stable name. Live tensors, like <see cref="IModel.State"/>.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> TrainingState { get; }

    /// <summary>
    /// What kind of number the metric <paramref name="metric"/> (a key of <see cref="TrainStep"/> or
    /// <see cref="Evaluate"/>, without its split prefix) is. Losses and reconstruction errors are
    /// proxies, the default; a VAE's ELBO is a bound.
    /// </summary>
    MetricKind KindOf(string metric) => MetricKind.Proxy;

    /// <summary>
    /// Called by the <see cref="Trainer"/> after the last batch of every epoch, before evaluation:
    /// where an update needs the whole epoch (a Lloyd iteration, a batch-SOM update) it finishes here.
    /// </summary>
    void EndEpoch(TrainingContext context) { }

    /// <summary>
    /// True once further epochs would not change the model (k-means assignments no longer move);
    /// the <see cref="Trainer"/> then ends the phase, or the run in the last phase. Read after <see cref="EndEpoch"/>.
    /// </summary>
    bool HasConverged => false;
}
