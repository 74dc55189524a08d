using System.Globalization;
using LatentSharp.Options;

namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// Derives command-line options from an options record: one <c>--kebab-name</c> per field of
/// <see cref="OptionFields"/>, parsed to the property's type, with the record's description, default
/// and declared range. The record stays the single source of truth.
/// </summary>
public static class OptionBinder
{
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
        var copy = OptionFields.Clone(options);
        foreach (var field in OptionFields.Of(options.GetType()))
        {
            if (skip?.Contains(field.Name) == true) continue;
            var text = args.Value(field.Name);
            if (text is null) continue;
            try { field.Property.SetValue(copy, OptionFields.Parse(field, text)); }
            catch (OptionTextException e) { throw new UsageException($"--{field.Name}: {e.Message}"); }
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
        new($"--{OptionFields.Kebab(e.Field)}: {InvalidOptionException.FormatValue(e.Value)} is not allowed; it must be {e.Allowed}.");

    /// <summary>Formats a property value as the CLI would accept it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        Enum e => OptionFields.Kebab(e.ToString()),
        bool b => b ? "true" : "false",
        double d => Schedule.Format(d),   // shortest exact form, as schedules print (1e-8, 0.05)
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>().Select(Format)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
