using LatentSharp.Cli;
using LatentSharp.Cli.Commands;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop after the current step and checkpoint. A second one kills.
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    cancellation.Cancel();
};
return CliApplication.Run(args, new CliContext(Console.Out, Console.Error, cancellation.Token, !Console.IsErrorRedirected));
