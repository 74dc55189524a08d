namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// What System.CommandLine parsed for one command, as the command reads it: positional arguments
/// in order and the values of each <c>--option</c> given. The parser has already refused unknown
/// options and missing values; the command converts and range-checks values here, so each
/// message names the option and what it allows.
/// </summary>
public sealed class ArgumentList
{
    // Every value given for each option, in order (null for a flag given without one); only Values() accepts more than one.
    readonly Dictionary<string, List<string?>> _options = new(StringComparer.Ordinal);
    readonly List<string> _positionals;
    int _positionalsTaken;

    /// <summary>The positionals and the options given (name without dashes → values in order).</summary>
    public ArgumentList(IEnumerable<string> positionals, IEnumerable<(string Name, string? Value)> options)
    {
        _positionals = positionals.ToList();
        foreach (var (name, value) in options)
        {
            if (!_options.TryGetValue(name, out var values)) _options[name] = values = [];
            values.Add(value);
        }
    }

    /// <summary>Names of all options given.</summary>
    public IEnumerable<string> OptionNames => _options.Keys;

    /// <summary>The next positional argument, or a usage error naming <paramref name="what"/>.</summary>
    public string Positional(string what) =>
        _positionalsTaken < _positionals.Count ? _positionals[_positionalsTaken++] : throw new UsageException($"Missing {what}.");

    /// <summary>The next positional argument, or null.</summary>
    public string? OptionalPositional() => _positionalsTaken < _positionals.Count ? _positionals[_positionalsTaken++] : null;

    /// <summary>Whether flag <c>--name</c> was given (and not as <c>--name false</c>).</summary>
    public bool Flag(string name)
    {
        if (!_options.ContainsKey(name)) return false;
        var value = Single(name);
        if (value is null || value.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new UsageException($"--{name} takes no value (or true/false); got '{value}'.");
    }

    /// <summary>The value of <c>--name</c>, or null.</summary>
    public string? Value(string name) =>
        _options.ContainsKey(name) ? Single(name) ?? throw new UsageException($"--{name} needs a value.") : null;

    /// <summary>Every value of a repeatable <c>--name</c>, in the order given; empty when absent.</summary>
    public IReadOnlyList<string> Values(string name) =>
        _options.TryGetValue(name, out var values)
            ? values.Select(v => v ?? throw new UsageException($"--{name} needs a value.")).ToList()
            : [];

    string? Single(string name)
    {
        var values = _options[name];
        return values.Count == 1 ? values[0] : throw new UsageException($"--{name} is given twice.");
    }

    /// <summary>Whether <c>--name</c> was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>An integer option in [min, max], or <paramref name="fallback"/>.</summary>
    public long Integer(string name, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = Value(name);
        if (text is null) return fallback;
        if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            throw new UsageException($"--{name}: '{text}' is not an integer.");
        if (value < min || value > max)
            throw new UsageException($"--{name}: {value} is out of range; it must be {RangeText(min, max)}.");
        return value;
    }

    /// <summary>A real option in [min, max], or <paramref name="fallback"/>.</summary>
    public double Real(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var text = Value(name);
        if (text is null) return fallback;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new UsageException($"--{name}: '{text}' is not a number.");
        if (value < min || value > max)
            throw new UsageException($"--{name}: {value} is out of range; it must be in [{min}, {max}].");
        return value;
    }

    static string RangeText(long min, long max) =>
        max == long.MaxValue ? $">= {min}" : $"in [{min}, {max}]";
}
