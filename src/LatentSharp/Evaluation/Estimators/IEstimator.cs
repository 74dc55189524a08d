using LatentSharp.Models;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// What an estimator computes, built by its <see cref="EstimatorDescriptor.Factory"/> from its options.
/// Users hold an <see cref="Estimator"/>, which checks the model's capabilities before calling this.
/// </summary>
public interface IEstimator
{
    /// <summary>
    /// Scores <paramref name="model"/> (which has every capability of the descriptor's
    /// <see cref="EstimatorDescriptor.Requires"/>) on <paramref name="context"/>'s data, under no
    /// gradient, drawing randomness only from <see cref="EstimationContext.Generator"/>.
    /// </summary>
    /// <exception cref="EstimatorException">The data cannot be used (e.g. no labels for a probe).</exception>
    IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context);
}
