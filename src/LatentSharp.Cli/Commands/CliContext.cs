namespace LatentSharp.Cli.Commands;

/// <summary>What a command may use of its surroundings; injected so commands are testable.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Progress and messages.</param>
/// <param name="Cancellation">Set by Ctrl+C.</param>
/// <param name="Interactive">Whether <paramref name="Error"/> is a terminal (progress bar) or a log (one line per epoch).</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation = default, bool Interactive = false);
