using System.Globalization;
using LatentSharp.Options;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// Reads an estimator spec's <c>key=value</c> options into the estimator's options record: one key per
/// field of <see cref="OptionFields"/> (kebab case, <c>LearningRate</c> → <c>learning-rate</c>), parsed to
/// the property's type and validated by the record's declared ranges.
/// </summary>
public static class EstimatorOptionBinder
{
    /// <summary>The descriptor's default options with <paramref name="spec"/>'s keys applied, validated.</summary>
    /// <exception cref="EstimatorException">An unknown key (the valid keys are listed), a value that does not parse, or one out of range.</exception>
    public static ModelOptions Bind(EstimatorDescriptor descriptor, EstimatorSpec spec)
    {
        var keys = descriptor.Keys;
        var options = OptionFields.Clone(descriptor.Defaults());
        foreach (var (name, text) in spec.Options)
        {
            var key = keys.FirstOrDefault(k => k.Name == name)
                ?? throw new EstimatorException(keys.Count == 0
                    ? $"'{descriptor.Name}' takes no options; got '{name}'."
                    : $"'{descriptor.Name}' has no option '{name}'. Valid options: {string.Join(", ", keys.Select(k => k.Name))}.");
            try { key.Property.SetValue(options, OptionFields.Parse(key, text)); }
            catch (OptionTextException e) { throw new EstimatorException($"'{descriptor.Name}': {key.Name}={e.Message}"); }
        }
        try
        {
            options.Validate();
        }
        catch (InvalidOptionException e)
        {
            throw new EstimatorException($"'{descriptor.Name}': {OptionFields.Kebab(e.Field)}={InvalidOptionException.FormatValue(e.Value)} is not allowed; it must be {e.Allowed}.");
        }
        return options;
    }

    /// <summary>
    /// The spec that gives <paramref name="options"/>: the name, then the keys whose values differ from
    /// the defaults, in declaration order. Two specs meaning the same thing (<c>knn</c> and <c>knn:k=5</c>)
    /// have the same canonical text, which is what keys an entry of evaluation.json.
    /// </summary>
    public static string Canonical(EstimatorDescriptor descriptor, ModelOptions options)
    {
        var defaults = descriptor.Defaults();
        var changed = descriptor.Keys
            .Select(k => (k.Name, Value: Format(k.Property.GetValue(options)), Default: Format(k.Property.GetValue(defaults))))
            .Where(k => k.Value != k.Default)
            .Select(k => $"{k.Name}={k.Value}")
            .ToList();
        return changed.Count == 0 ? descriptor.Name : $"{descriptor.Name}:{string.Join(",", changed)}";
    }

    /// <summary>Every key's value as spec text, for the record in evaluation.json.</summary>
    public static IReadOnlyDictionary<string, string> Values(EstimatorDescriptor descriptor, ModelOptions options) =>
        descriptor.Keys.ToDictionary(k => k.Name, k => Format(k.Property.GetValue(options)));

    /// <summary>A property value as a spec would write it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        Enum e => OptionFields.Kebab(e.ToString()),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
