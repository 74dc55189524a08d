using LatentSharp.Cli;
using LatentSharp.Cli.Commands;
using Spectre.Console;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop after the current step and checkpoint. A second one kills.
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    cancellation.Cancel();
};
return CliApplication.Run(args, new CliContext(Console.Out, Console.Error, cancellation.Token, Terminal(), !Console.IsOutputRedirected));

// Progress goes to standard error; drawn live only when that is a terminal that can redraw (not TERM=dumb, not a CI log).
static IAnsiConsole? Terminal()
{
    if (Console.IsErrorRedirected) return null;
    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    return console.Profile.Capabilities is { Interactive: true, Ansi: true } ? console : null;
}
