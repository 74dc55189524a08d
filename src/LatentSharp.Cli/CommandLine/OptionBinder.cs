using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LatentSharp.Options;

namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// Derives command-line options from an options record: one <c>--kebab-name</c> per public
/// property, parsed to the property's type, with the record's description, default and
/// declared range. The record stays the single source of truth.
/// </summary>
public static class OptionBinder
{
    /// <summary>One derived option.</summary>
    public sealed record Field(string CliName, PropertyInfo Property, string Description, string Range);

    /// <summary>The options of a record type.</summary>
    public static IReadOnlyList<Field> Fields(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<DescriptionAttribute>() is not null)
            .Select(p => new Field(
                Kebab(p.Name), p, p.GetCustomAttribute<DescriptionAttribute>()!.Description,
                RangeText(p)))
            .ToList();

    static string RangeText(PropertyInfo property)
    {
        var range = property.GetCustomAttribute<RangeAttribute>() is { } r ? OptionRange.Describe(r) :
            property.PropertyType.IsEnum ? string.Join("|", Enum.GetNames(property.PropertyType).Select(Kebab)) : "";
        // A scheduled option takes a number or a schedule; its description gives examples.
        return property.PropertyType == typeof(Schedule) ? (range.Length > 0 ? range + "; " : "") + "number or schedule" : range;
    }

    /// <summary>
    /// Reads option <c>--<paramref name="cliName"/></c> as a <see cref="Schedule"/>; a usage error
    /// naming the option and showing the grammar otherwise.
    /// </summary>
    public static Schedule ParseSchedule(string cliName, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Schedule.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--{cliName}: {e.Message}");
        }
    }

    /// <summary>Applies the given <c>--options</c> of the record to a copy of <paramref name="options"/>.</summary>
    /// <param name="skip">CLI names handled elsewhere (not read from <paramref name="args"/>).</param>
    public static T Bind<T>(T options, ArgumentList args, ISet<string>? skip = null) where T : ModelOptions
    {
        var copy = Clone(options);
        foreach (var field in Fields(options.GetType()))
        {
            if (skip?.Contains(field.CliName) == true) continue;
            var text = args.Value(field.CliName);
            if (text is null) continue;
            field.Property.SetValue(copy, Parse(field, text));
        }
        try
        {
            copy.Validate();
        }
        catch (InvalidOptionException e)
        {
            throw AsUsage(e);
        }
        return copy;
    }

    /// <summary>A refused hyper-parameter as the CLI says it: the option's <c>--name</c>, the value and what is allowed.</summary>
    public static UsageException AsUsage(InvalidOptionException e) =>
        new($"--{Kebab(e.Field)}: {InvalidOptionException.FormatValue(e.Value)} is not allowed; it must be {e.Allowed}.");

    /// <summary>Formats a property value as the CLI would accept it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        Enum e => Kebab(e.ToString()),
        bool b => b ? "true" : "false",
        double d => Schedule.Format(d),   // shortest exact form, as schedules print (1e-8, 0.05)
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>().Select(Format)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    static object Parse(Field field, string text)
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
            if (type == typeof(Schedule)) return ParseSchedule(field.CliName, text);
            if (type == typeof(int[]))
                return text.Length == 0 ? Array.Empty<int>() : text.Split(',').Select(s => int.Parse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
            if (type.IsEnum)
            {
                var match = Enum.GetNames(type).FirstOrDefault(n => string.Equals(Kebab(n), text, StringComparison.OrdinalIgnoreCase) || string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                return match is not null ? Enum.Parse(type, match) : throw new UsageException($"--{field.CliName}: '{text}' is not one of {field.Range}.");
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"--{field.CliName}: '{text}' is not a valid {Describe(type)}.");
        }
        throw new InvalidOperationException($"Option type {type.Name} of {field.Property.Name} has no parser.");
    }

    static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "integer" :
        type == typeof(double) ? "number" :
        type == typeof(int[]) ? "comma-separated list of integers" :
        type == typeof(bool) ? "true/false" : type.Name;

    static T Clone<T>(T options) where T : ModelOptions =>
        (T)JsonSerializer.Deserialize(JsonSerializer.Serialize(options, options.GetType(), OptionsJson.Settings), options.GetType(), OptionsJson.Settings)!;

    /// <summary><c>LearningRate</c> → <c>learning-rate</c>.</summary>
    public static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
