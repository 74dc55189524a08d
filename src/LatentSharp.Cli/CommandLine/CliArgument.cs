namespace LatentSharp.Cli.CommandLine;

/// <summary>A positional argument a command declares, read in order with <see cref="ArgumentList.Positional"/>.</summary>
/// <param name="Name">Its name in help, e.g. <c>run</c>.</param>
/// <param name="Description">One line for help.</param>
/// <param name="Required">Whether the parser refuses the command without it.</param>
/// <param name="Many">Whether it takes every remaining positional word (e.g. the runs of <c>compare</c>); read them with <see cref="ArgumentList.OptionalPositional"/>.</param>
public sealed record CliArgument(string Name, string Description, bool Required = true, bool Many = false)
{
    /// <summary>Values offered by shell completion.</summary>
    public IReadOnlyList<string> Completions { get; init; } = [];
}
