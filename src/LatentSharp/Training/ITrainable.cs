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
}
