using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>loss</c>: the model's own evaluation figures (<see cref="ITrainable.Evaluate"/>: the loss and its
/// parts), each with the kind the model declares for it (<see cref="ITrainable.KindOf"/>).
/// </summary>
public sealed class LossEstimator : IEstimator
{
    /// <summary>No options.</summary>
    public sealed record Settings : ModelOptions;

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var trainable = (ITrainable)model;
        var figures = trainable.Evaluate(context.Data, new TrainingContext(context.Generator, context.BatchSize));
        return figures.Select(f => new MetricValue(f.Key, f.Value, trainable.KindOf(f.Key))).ToList();
    }
}
