using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// One row of the <see cref="EstimatorCatalog"/>: an estimator's name, what it measures, the kind of
/// its figures, the model capabilities it needs, its options record and how to build it.
/// </summary>
/// <param name="Name">Catalogue and CLI name, e.g. <c>knn</c>.</param>
/// <param name="Summary">One line: what it measures.</param>
/// <param name="Kind">The kind of every figure it reports, or null when each figure says its own (the <c>loss</c> estimator reports the model's kinds).</param>
/// <param name="Requires">Capability interfaces the model must implement (see <see cref="Capabilities"/>); tested by interface, never by model type.</param>
/// <param name="OptionsType">Its options record: one spec key per public init property with a <c>[Description]</c> (kebab-case name), ranges declared with <c>[Range]</c>.</param>
/// <param name="Defaults">The default options.</param>
/// <param name="Factory">Builds the estimator from validated options of <paramref name="OptionsType"/>.</param>
public sealed record EstimatorDescriptor(string Name, string Summary, MetricKind? Kind, IReadOnlyList<Type> Requires,
    Type OptionsType, Func<ModelOptions> Defaults, Func<ModelOptions, IEstimator> Factory)
{
    /// <summary>Whether it fits something on the run's training split (a probe, k-NN) and scores the evaluated split with it.</summary>
    public bool FitsOnTrainingSplit { get; init; }

    /// <summary>The spec keys this estimator accepts, with their descriptions.</summary>
    public IReadOnlyList<OptionField> Keys => OptionFields.Of(OptionsType);

    /// <summary>Null when <paramref name="model"/> has every capability in <see cref="Requires"/>; otherwise a refusal naming what it lacks.</summary>
    public string? Refusal(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var missing = Requires.Where(capability => !capability.IsInstanceOfType(model)).ToList();
        if (missing.Count == 0) return null;
        return $"The '{Name}' estimator needs a model that {string.Join(" and ", missing.Select(Capabilities.Describe))}; '{model.Name}' does not.";
    }

    /// <summary>Refuses <paramref name="model"/> unless it has every capability in <see cref="Requires"/>.</summary>
    /// <exception cref="EstimatorException">The refusal of <see cref="Refusal"/>.</exception>
    public void Check(IModel model)
    {
        if (Refusal(model) is { } refusal) throw new EstimatorException(refusal);
    }
}
