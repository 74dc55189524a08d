namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// A parsed command line: positional arguments and <c>--name value</c> / <c>--flag</c> options.
/// Commands take what they know; <see cref="EnsureAllUsed"/> then refuses anything left over,
/// listing what the command accepts.
/// </summary>
public sealed class ArgumentList
{
    // Every value given for each option, in order; only Values() accepts more than one.
    readonly Dictionary<string, List<string?>> _options = new(StringComparer.Ordinal);
    readonly HashSet<string> _used = new(StringComparer.Ordinal);
    readonly List<string> _positionals = new();
    int _positionalsTaken;

    /// <summary>Parses <paramref name="args"/>; <paramref name="flags"/> are options that take no value.</summary>
    public ArgumentList(IEnumerable<string> args, ISet<string> flags)
    {
        var queue = new Queue<string>(args);
        while (queue.Count > 0)
        {
            var arg = queue.Dequeue();
            if (arg == "--")
            {
                while (queue.Count > 0) _positionals.Add(queue.Dequeue());
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                _positionals.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) (name, value) = (name[..eq], name[(eq + 1)..]);
            else if (!flags.Contains(name))
            {
                if (queue.Count == 0 || (queue.Peek().StartsWith("--", StringComparison.Ordinal) && !LooksNumeric(queue.Peek())))
                    throw new UsageException($"--{name} needs a value.");
                value = queue.Dequeue();
            }
            if (!_options.TryGetValue(name, out var values)) _options[name] = values = [];
            values.Add(value);
        }
    }

    static bool LooksNumeric(string s) => double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>Names of all options given.</summary>
    public IEnumerable<string> OptionNames => _options.Keys;

    /// <summary>The next positional argument, or a usage error naming <paramref name="what"/>.</summary>
    public string Positional(string what) =>
        _positionalsTaken < _positionals.Count ? _positionals[_positionalsTaken++] : throw new UsageException($"Missing {what}.");

    /// <summary>The next positional argument, or null.</summary>
    public string? OptionalPositional() => _positionalsTaken < _positionals.Count ? _positionals[_positionalsTaken++] : null;

    /// <summary>Whether <c>--name</c> was given (marks it used).</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.ContainsKey(name)) return false;
        var value = Single(name);
        if (value is null || value.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new UsageException($"--{name} takes no value (or true/false); got '{value}'.");
    }

    /// <summary>The value of <c>--name</c>, or null (marks it used).</summary>
    public string? Value(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name) ? Single(name) ?? throw new UsageException($"--{name} needs a value.") : null;
    }

    /// <summary>Every value of a repeatable <c>--name</c>, in the order given; empty when absent (marks it used).</summary>
    public IReadOnlyList<string> Values(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values)
            ? values.Select(v => v ?? throw new UsageException($"--{name} needs a value.")).ToList()
            : [];
    }

    string? Single(string name)
    {
        var values = _options[name];
        return values.Count == 1 ? values[0] : throw new UsageException($"--{name} is given twice.");
    }

    /// <summary>Whether <c>--name</c> was given, without marking it used.</summary>
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

    /// <summary>Refuses options and positionals the command did not take.</summary>
    public void EnsureAllUsed(IEnumerable<string> accepted)
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"Unknown option --{unknown[0]}. Valid options: {string.Join(", ", accepted.Distinct().OrderBy(a => a).Select(a => "--" + a))}.");
        if (_positionalsTaken < _positionals.Count)
            throw new UsageException($"Unexpected argument '{_positionals[_positionalsTaken]}'.");
    }
}
