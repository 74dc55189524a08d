using Spectre.Console;

namespace LatentSharp.Cli.Commands;

/// <summary>What a command may use of its surroundings; injected so commands are testable.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Progress and messages.</param>
/// <param name="Cancellation">Set by Ctrl+C.</param>
/// <param name="Terminal">
/// <paramref name="Error"/> as a Spectre.Console terminal when it is one (live progress bar and
/// tables); null for a log or a pipe, which gets plain lines.
/// </param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is the same screen as a live <paramref name="Terminal"/>: a list the live display drew is then not repeated as tab-separated lines.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation = default, IAnsiConsole? Terminal = null, bool OutIsTerminal = false)
{
    /// <summary>Whether progress is drawn live on a terminal.</summary>
    public bool Interactive => Terminal is not null;

    /// <summary>Whether results on <see cref="Out"/> are read by a person who already saw the live display (not a pipe or a file).</summary>
    public bool ResultsShownLive => Terminal is not null && OutIsTerminal;
}
