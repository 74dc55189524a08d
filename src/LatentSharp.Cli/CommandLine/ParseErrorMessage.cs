using System.CommandLine;
using System.CommandLine.Parsing;

namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// Words a parse error as one line: an unknown command, model or option with the nearest known
/// one ("did you mean"), a missing value, a repeated option, a missing argument.
/// </summary>
internal static class ParseErrorMessage
{
    /// <summary>The message for the first error of <paramref name="result"/> (which has errors, or a <see cref="MissingValue"/>).</summary>
    public static string For(ParseResult result, CommandTree tree)
    {
        var command = result.CommandResult.Command;
        if (MissingValue(result) is { } missing) return missing;
        if (result.UnmatchedTokens.Count > 0) return Unmatched(result.UnmatchedTokens[0], command, result, tree);
        var error = result.Errors[0];
        switch (error.SymbolResult)
        {
            case OptionResult { Tokens.Count: 0 } option:
                return $"{option.Option.Name} needs a value.";
            case OptionResult { Tokens.Count: > 1 } option:
                return $"{option.Option.Name} is given twice.";
            case ArgumentResult { Tokens.Count: 0 } argument:
                return $"Missing {argument.Argument.Name}. See '{Path(command)} --help'.";
        }
        return error.Message;
    }

    /// <summary>
    /// "--epochs --out run": the parser takes <c>--out</c> as the value of <c>--epochs</c>, with or
    /// without a parse error after it; the user's slip is the missing value. Null when there is none.
    /// </summary>
    public static string? MissingValue(ParseResult result)
    {
        var known = Options(result).ToHashSet(StringComparer.Ordinal);
        foreach (var option in OptionResults(result))
            if (option.Tokens.Any(t => known.Contains(t.Value)))
                return $"{option.Option.Name} needs a value.";
        return null;
    }

    static string Unmatched(string token, Command command, ParseResult result, CommandTree tree)
    {
        var help = $"'{Path(command)} --help' lists them";
        if (token.StartsWith('-') && token.Length > 1)
        {
            var known = Options(result).ToList();
            var closest = Spelling.Closest(token.TrimStart('-'), known.Select(o => o.TrimStart('-')));
            var suggestion = closest is not null ? $"; did you mean --{closest}?" : ".";
            // Model options exist only after the model's name; say so when the option is one of them.
            var kind = tree.SubcommandKind(command);
            var owner = kind is null ? null : command.Subcommands.FirstOrDefault(s => s.Options.Any(o => o.Name == token));
            if (closest is null && owner is not null)
                return $"Unknown option {token} here: it belongs to a {kind}; put it after the {kind}'s name, e.g. {Path(command)} {owner.Name} {token} ...";
            return $"Unknown option {token}{suggestion} ({help}.)";
        }
        if (tree.SubcommandKind(command) is { } noun && result.CommandResult.Children.OfType<CommandResult>().Any() is false)
        {
            var names = command.Subcommands.Select(c => c.Name).ToList();
            var closest = Spelling.Closest(token, names);
            var label = char.ToUpperInvariant(noun[0]) + noun[1..];
            return closest is not null
                ? $"Unknown {noun} '{token}'; did you mean '{closest}'?"
                : $"Unknown {noun} '{token}'. {label}s: {string.Join(", ", names)}.";
        }
        return $"Unexpected argument '{token}'. See '{Path(command)} --help'.";
    }

    /// <summary>The options given, on every command from the root to the one parsed.</summary>
    static IEnumerable<OptionResult> OptionResults(ParseResult result)
    {
        for (SymbolResult? at = result.CommandResult; at is CommandResult command; at = at.Parent)
            foreach (var option in command.Children.OfType<OptionResult>())
                yield return option;
    }

    /// <summary>Every option valid at this point: the command's and the recursive ones of its parents.</summary>
    static IEnumerable<string> Options(ParseResult result)
    {
        for (SymbolResult? at = result.CommandResult; at is CommandResult command; at = at.Parent)
            foreach (var option in command.Command.Options)
                if (at == result.CommandResult || option.Recursive)
                    yield return option.Name;
    }

    /// <summary>The words that reach <paramref name="command"/>, e.g. <c>latent train autoencoder</c>.</summary>
    static string Path(Command command)
    {
        var words = new List<string>();
        for (var at = command; at is not null && at is not RootCommand; at = at.Parents.OfType<Command>().FirstOrDefault())
            words.Insert(0, at.Name);
        return string.Join(" ", ["latent", .. words]);
    }
}
