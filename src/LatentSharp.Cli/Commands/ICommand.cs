using LatentSharp.Cli.CommandLine;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// One <c>latent</c> command: declares its arguments and options (from which System.CommandLine's
/// parser, help and completion are built) and runs on what was parsed.
/// </summary>
public interface ICommand
{
    /// <summary>The command word, e.g. <c>train</c>.</summary>
    string Name { get; }

    /// <summary>What the command does, for help.</summary>
    string Summary { get; }

    /// <summary>Positional arguments, in order.</summary>
    IReadOnlyList<CliArgument> Arguments { get; }

    /// <summary>The command's options (<c>--verbose</c> is global and need not be declared).</summary>
    IReadOnlyList<CliOption> Options { get; }

    /// <summary>Words that select what the command acts on, each with its own options (the models of <c>train</c>); none by default.</summary>
    IReadOnlyList<CliSubcommand> Subcommands => [];

    /// <summary>What a subcommand word names, for "unknown model 'x'"; used only when there are <see cref="Subcommands"/>.</summary>
    string SubcommandKind => "subcommand";

    /// <summary>Runs the command; returns the exit code.</summary>
    int Run(ArgumentList args, CliContext context);
}
