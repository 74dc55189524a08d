using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace LatentSharp.Options;

/// <summary>One option of an options record as text sees it.</summary>
/// <param name="Name">The kebab-case name, e.g. <c>learning-rate</c> for <c>LearningRate</c>.</param>
/// <param name="Property">The record property it sets.</param>
/// <param name="Description">What it does (the property's <c>[Description]</c>).</param>
/// <param name="Allowed">Its range or choices, e.g. <c>in [1, 10000]</c> or <c>euclidean|cosine</c>; empty when any value of its type.</param>
public sealed record OptionField(string Name, PropertyInfo Property, string Description, string Allowed);

/// <summary>A value that is not of its option's type; the message reads <c>'text' is not …</c>.</summary>
public sealed class OptionTextException(OptionField field, string text, string message) : FormatException(message)
{
    /// <summary>The option.</summary>
    public OptionField Field { get; } = field;

    /// <summary>The text given for it.</summary>
    public string Text { get; } = text;
}

/// <summary>
/// Options records read from text: one field per public settable property with a <c>[Description]</c>,
/// named in kebab case and parsed to the property's type. One reading serves the command line
/// (<c>--learning-rate 0.01</c>) and estimator specs (<c>knn:k=5</c>), which word their errors each their own way.
/// </summary>
public static class OptionFields
{
    /// <summary>The fields of options record <paramref name="optionsType"/>, in declaration order.</summary>
    public static IReadOnlyList<OptionField> Of(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<DescriptionAttribute>() is not null)
            .Select(p => new OptionField(Kebab(p.Name), p, p.GetCustomAttribute<DescriptionAttribute>()!.Description, Allowed(p)))
            .ToList();

    /// <summary>
    /// <paramref name="text"/> as a value of <paramref name="field"/>'s type: integers, finite numbers,
    /// true/false, text, comma-separated integers, schedules, enums by kebab or plain name (any case).
    /// </summary>
    /// <exception cref="OptionTextException">The text is not a value of that type.</exception>
    public static object Parse(OptionField field, string text)
    {
        var type = field.Property.PropertyType;
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
            if (type == typeof(Schedule)) return Schedule.Parse(text);
            if (type == typeof(int[]))
                return text.Length == 0 ? Array.Empty<int>() : text.Split(',').Select(s => int.Parse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
            if (type.IsEnum)
            {
                var match = Enum.GetNames(type).FirstOrDefault(n =>
                    string.Equals(Kebab(n), text, StringComparison.OrdinalIgnoreCase) || string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                return match is not null ? Enum.Parse(type, match) : throw new OptionTextException(field, text, $"'{text}' is not one of {field.Allowed}.");
            }
        }
        catch (FormatException e) when (type == typeof(Schedule) && e is not OptionTextException)
        {
            throw new OptionTextException(field, text, e.Message);   // the schedule grammar's own explanation
        }
        catch (Exception e) when (e is (FormatException and not OptionTextException) or OverflowException)
        {
            throw new OptionTextException(field, text, $"'{text}' is not {Describe(type)}.");
        }
        throw new InvalidOperationException($"Option type {type.Name} of {field.Property.Name} has no parser.");
    }

    /// <summary>A copy of <paramref name="options"/> (records are compared and stored as JSON, so the copy goes through it).</summary>
    public static T Clone<T>(T options) where T : ModelOptions =>
        (T)JsonSerializer.Deserialize(JsonSerializer.Serialize(options, options.GetType(), OptionsJson.Settings), options.GetType(), OptionsJson.Settings)!;

    /// <summary><c>LearningRate</c> → <c>learning-rate</c>.</summary>
    public static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    static string Allowed(PropertyInfo property)
    {
        var range = property.GetCustomAttribute<RangeAttribute>() is { } r ? OptionRange.Describe(r) :
            property.PropertyType.IsEnum ? string.Join("|", Enum.GetNames(property.PropertyType).Select(Kebab)) : "";
        // A scheduled option takes a number or a schedule; its description gives examples.
        return property.PropertyType == typeof(Schedule) ? (range.Length > 0 ? range + "; " : "") + "number or schedule" : range;
    }

    static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a valid integer" :
        type == typeof(double) ? "a finite number" :
        type == typeof(int[]) ? "a comma-separated list of integers" :
        type == typeof(bool) ? "true or false" : type.Name;
}
