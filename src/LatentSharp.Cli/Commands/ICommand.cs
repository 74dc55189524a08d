using LatentSharp.Cli.CommandLine;

namespace LatentSharp.Cli.Commands;

/// <summary>One <c>latent</c> command.</summary>
public interface ICommand
{
    /// <summary>The command word, e.g. <c>train</c>.</summary>
    string Name { get; }

    /// <summary>One-line usage, e.g. <c>latent train &lt;model&gt; [options]</c>.</summary>
    string Usage { get; }

    /// <summary>What the command does, for help.</summary>
    string Summary { get; }

    /// <summary>Options without a value.</summary>
    ISet<string> Flags { get; }

    /// <summary>Runs the command; returns the exit code.</summary>
    int Run(ArgumentList args, CliContext context);
}
