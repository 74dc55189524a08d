using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using LatentSharp.Cli.Commands;

namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// The System.CommandLine tree of <c>latent</c>, built from the commands' declarations: one
/// <see cref="Command"/> per <see cref="ICommand"/>, one per subcommand word (the models of
/// <c>train</c>), the global <c>--verbose</c>, and help that shows a subcommand's own page.
/// Built at each run, so a model registered at run time is a subcommand at once.
/// </summary>
internal sealed class CommandTree
{
    /// <summary>The global option that adds exception details to error messages.</summary>
    public const string VerboseName = "verbose";

    readonly Dictionary<Command, string> _subcommandKinds = new();

    /// <summary>The root command (<c>latent</c>).</summary>
    public RootCommand Root { get; }

    /// <summary>Builds the tree; each command's action runs it with <paramref name="context"/>.</summary>
    /// <param name="rootHelpFooter">Lines written after the root's generated help.</param>
    public CommandTree(IReadOnlyList<ICommand> commands, CliContext context, string summary, Action<TextWriter> rootHelpFooter)
    {
        Root = new RootCommand(summary);
        Root.Options.Add(new Option<bool>("--" + VerboseName) { Description = "Show the details of an error.", Recursive = true });
        _subcommandKinds[Root] = "command";
        var customHelp = new Dictionary<Command, Action<TextWriter>> { [Root] = rootHelpFooter };
        foreach (var command in commands)
        {
            var node = new Command(command.Name, command.Summary);
            foreach (var argument in command.Arguments) node.Arguments.Add(Build(argument));
            // Recursive: a command's options stay valid after its subcommand word (latent train autoencoder --epochs 3).
            foreach (var option in command.Options) node.Options.Add(Build(option, recursive: command.Subcommands.Count > 0));
            var own = command.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var sub in command.Subcommands)
            {
                var leaf = new Command(sub.Name, sub.Summary);
                // An option the command already has (a model option named like a trainer option) is read once, as before.
                foreach (var option in sub.Options.Where(o => !own.Contains(o.Name))) leaf.Options.Add(Build(option, recursive: false));
                leaf.SetAction(result => command.Run(Arguments(result), context));
                if (sub.Help is not null) customHelp[leaf] = sub.Help;
                node.Subcommands.Add(leaf);
            }
            if (command.Subcommands.Count > 0) _subcommandKinds[node] = command.SubcommandKind;
            node.SetAction(result => command.Run(Arguments(result), context));
            Root.Subcommands.Add(node);
        }
        var help = Root.Options.OfType<HelpOption>().Single();
        help.Action = new LatentHelpAction((HelpAction)help.Action!, customHelp, Root);
        Root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
    }

    /// <summary>What a command's subcommand words name ("command" at the root, "model" after train); null when it has none.</summary>
    public string? SubcommandKind(Command command) => _subcommandKinds.GetValueOrDefault(command);

    static Argument Build(CliArgument argument)
    {
        Argument built = argument.Many
            ? new Argument<string[]>(argument.Name) { Arity = argument.Required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore }
            : new Argument<string>(argument.Name) { Arity = argument.Required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne };
        built.Description = argument.Description;
        built.HelpName = argument.Name;   // not the completions list
        if (argument.Completions.Count > 0) built.CompletionSources.Add([.. argument.Completions]);
        return built;
    }

    static Option Build(CliOption option, bool recursive)
    {
        Option built = option.ValueName is null
            ? new Option<bool>("--" + option.Name) { Arity = ArgumentArity.ZeroOrOne }
            : option.Repeatable
                ? new Option<string[]>("--" + option.Name) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false }
                : new Option<string>("--" + option.Name) { Arity = ArgumentArity.ExactlyOne };
        built.Description = option.Description;
        built.HelpName = option.ValueName;
        built.Recursive = recursive;
        if (option.Completions.Count > 0) built.CompletionSources.Add([.. option.Completions]);
        return built;
    }

    /// <summary>
    /// The parse as the command reads it: the subcommand words below the command (the model name)
    /// then the arguments as positionals, and every option given with its raw values.
    /// </summary>
    static ArgumentList Arguments(ParseResult result)
    {
        var chain = new List<CommandResult>();
        for (var at = result.CommandResult; at.Parent is CommandResult parent; at = parent) chain.Insert(0, at);
        var positionals = new List<string>();
        var options = new List<(string, string?)>();
        for (int depth = 0; depth < chain.Count; depth++)
        {
            if (depth > 0) positionals.Add(chain[depth].Command.Name);
            foreach (var child in chain[depth].Children)
            {
                if (child is ArgumentResult argument) positionals.AddRange(argument.Tokens.Select(t => t.Value));
                else if (child is OptionResult { Implicit: false } option) Add(options, option);
            }
        }
        foreach (var child in result.RootCommandResult.Children)
            if (child is OptionResult { Implicit: false } option) Add(options, option);
        return new ArgumentList(positionals, options);
    }

    static void Add(List<(string, string?)> options, OptionResult option)
    {
        var name = option.Option.Name.TrimStart('-');
        if (option.Tokens.Count == 0) options.Add((name, null));
        else foreach (var token in option.Tokens) options.Add((name, token.Value));
    }
}
