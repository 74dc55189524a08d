namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// One <c>--name</c> option a command declares: the parser, help and completion are built from it.
/// The command reads and checks its value through <see cref="ArgumentList"/>, so a range or a
/// grammar is checked (and its message worded) in one place, the command.
/// </summary>
/// <param name="Name">The name without dashes, e.g. <c>batch-size</c>.</param>
/// <param name="Description">One line for help; say the default and the allowed values.</param>
public sealed record CliOption(string Name, string Description)
{
    /// <summary>What the value is, shown in help as <c>--out &lt;path&gt;</c>; null for a flag (no value, or true/false).</summary>
    public string? ValueName { get; init; } = "value";

    /// <summary>Whether the option may be given more than once (read with <see cref="ArgumentList.Values"/>).</summary>
    public bool Repeatable { get; init; }

    /// <summary>Values offered by shell completion (e.g. an enum's names).</summary>
    public IReadOnlyList<string> Completions { get; init; } = [];

    /// <summary>An option taking a value.</summary>
    public static CliOption Value(string name, string valueName, string description) => new(name, description) { ValueName = valueName };

    /// <summary>An option without a value (<c>--resume</c>); <c>--resume false</c> is accepted too.</summary>
    public static CliOption Flag(string name, string description) => new(name, description) { ValueName = null };
}
