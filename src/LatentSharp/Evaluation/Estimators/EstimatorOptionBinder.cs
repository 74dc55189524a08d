using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LatentSharp.Options;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// Reads an estimator spec's <c>key=value</c> options into the estimator's options record: one key per
/// public property with a <c>[Description]</c>, named in kebab case (<c>LearningRate</c> →
/// <c>learning-rate</c>), parsed to the property's type (integer, number, true/false, text, enum by
/// kebab name) and validated by the record's declared ranges.
/// </summary>
public static class EstimatorOptionBinder
{
    /// <summary>One accepted key.</summary>
    /// <param name="Name">The kebab-case key, e.g. <c>k</c> or <c>learning-rate</c>.</param>
    /// <param name="Property">The record property it sets.</param>
    /// <param name="Description">What it does.</param>
    /// <param name="Allowed">Its range or choices, e.g. <c>in [1, 10000]</c> or <c>euclidean|cosine</c>; empty when any value of its type.</param>
    public sealed record Key(string Name, PropertyInfo Property, string Description, string Allowed);

    /// <summary>The keys of options record <paramref name="optionsType"/>.</summary>
    public static IReadOnlyList<Key> Keys(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<DescriptionAttribute>() is not null)
            .Select(p => new Key(Kebab(p.Name), p, p.GetCustomAttribute<DescriptionAttribute>()!.Description,
                p.GetCustomAttribute<RangeAttribute>() is { } r ? OptionRange.Describe(r) :
                p.PropertyType.IsEnum ? string.Join("|", Enum.GetNames(p.PropertyType).Select(Kebab)) : ""))
            .ToList();

    /// <summary>The descriptor's default options with <paramref name="spec"/>'s keys applied, validated.</summary>
    /// <exception cref="EstimatorException">An unknown key (the valid keys are listed), a value that does not parse, or one out of range.</exception>
    public static ModelOptions Bind(EstimatorDescriptor descriptor, EstimatorSpec spec)
    {
        var keys = descriptor.Keys;
        var options = Clone(descriptor.Defaults());
        foreach (var (name, text) in spec.Options)
        {
            var key = keys.FirstOrDefault(k => k.Name == name)
                ?? throw new EstimatorException(keys.Count == 0
                    ? $"'{descriptor.Name}' takes no options; got '{name}'."
                    : $"'{descriptor.Name}' has no option '{name}'. Valid options: {string.Join(", ", keys.Select(k => k.Name))}.");
            key.Property.SetValue(options, Parse(descriptor.Name, key, text));
        }
        try
        {
            options.Validate();
        }
        catch (InvalidOptionException e)
        {
            throw new EstimatorException($"'{descriptor.Name}': {Kebab(e.Field)}={InvalidOptionException.FormatValue(e.Value)} is not allowed; it must be {e.Allowed}.");
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
        Enum e => Kebab(e.ToString()),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    static object Parse(string estimator, Key key, string text)
    {
        var type = key.Property.PropertyType;
        try
        {
            if (type == typeof(int)) return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (type == typeof(long)) return long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (type == typeof(double))
            {
                var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return double.IsFinite(d) ? d : throw new FormatException();
            }
            if (type == typeof(bool)) return bool.Parse(text);
            if (type == typeof(string)) return text;
            if (type.IsEnum)
                return Enum.GetNames(type).FirstOrDefault(n => string.Equals(Kebab(n), text, StringComparison.OrdinalIgnoreCase)) is { } match
                    ? Enum.Parse(type, match)
                    : throw new EstimatorException($"'{estimator}': {key.Name}='{text}' is not one of {key.Allowed}.");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new EstimatorException($"'{estimator}': {key.Name}='{text}' is not {Describe(type)}.");
        }
        throw new InvalidOperationException($"Option type {type.Name} of {key.Property.Name} has no parser.");
    }

    static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "an integer" :
        type == typeof(double) ? "a finite number" :
        type == typeof(bool) ? "true or false" : type.Name;

    static ModelOptions Clone(ModelOptions options) =>
        (ModelOptions)JsonSerializer.Deserialize(JsonSerializer.Serialize(options, options.GetType(), OptionsJson.Settings), options.GetType(), OptionsJson.Settings)!;

    static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
