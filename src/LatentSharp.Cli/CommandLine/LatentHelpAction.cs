using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// <c>--help</c>: a subcommand with its own page (a model: its options table, as <c>latent models
/// &lt;model&gt;</c> shows it) gets that page; any other command System.CommandLine's generated help;
/// the root's help adds a footer (the data sources).
/// </summary>
internal sealed class LatentHelpAction(HelpAction generated, IReadOnlyDictionary<Command, Action<TextWriter>> custom, RootCommand root)
    : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var output = parseResult.InvocationConfiguration.Output;
        if (command != root && custom.TryGetValue(command, out var page))
        {
            page(output);
            return 0;
        }
        generated.Invoke(parseResult);
        if (command == root && custom.TryGetValue(root, out var footer)) footer(output);
        return 0;
    }
}
