using LatentSharp.Models;
using LatentSharp.Options;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// A configured estimator: a catalogue entry with its options, as made by
/// <see cref="EstimatorCatalog.Create(string)"/> from a spec such as <c>knn:k=5</c>.
/// </summary>
public sealed class Estimator
{
    readonly IEstimator _implementation;

    internal Estimator(EstimatorDescriptor descriptor, ModelOptions options)
    {
        Descriptor = descriptor;
        Options = options;
        Spec = EstimatorOptionBinder.Canonical(descriptor, options);
        _implementation = descriptor.Factory(options);
    }

    /// <summary>Its catalogue entry.</summary>
    public EstimatorDescriptor Descriptor { get; }

    /// <summary>Its validated options.</summary>
    public ModelOptions Options { get; }

    /// <summary>The canonical spec: the name and the options that differ from the defaults (<c>knn:k=3</c>).</summary>
    public string Spec { get; }

    /// <summary>Every option's value as spec text.</summary>
    public IReadOnlyDictionary<string, string> OptionValues => EstimatorOptionBinder.Values(Descriptor, Options);

    /// <summary>Whether <paramref name="model"/> has the capabilities this estimator needs.</summary>
    public bool Supports(IModel model) => Descriptor.Refusal(model) is null;

    /// <summary>Scores <paramref name="model"/>; refuses a model without the needed capabilities first.</summary>
    /// <exception cref="EstimatorException">The model lacks a capability, or the data cannot be used.</exception>
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Descriptor.Check(model);
        return _implementation.Estimate(model, context);
    }

    /// <inheritdoc />
    public override string ToString() => Spec;
}
