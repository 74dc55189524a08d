using LatentSharp.Cli;
using LatentSharp.Cli.Commands;

namespace LatentSharp.Tests.Cli;

/// <summary>Runs <c>latent</c> in-process with captured output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args) => Run(CancellationToken.None, args);

    public static Result Run(CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApplication.Run(args, new CliContext(output, error, cancellation));
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>latent</c> and cancels it (as Ctrl+C would) once a written line contains <paramref name="cancelAfter"/>.</summary>
    public static Result RunUntil(string cancelAfter, params string[] args)
    {
        using var cancel = new CancellationTokenSource();
        var output = new WatchingWriter(cancelAfter, cancel);
        var error = new WatchingWriter(cancelAfter, cancel);
        int code = CliApplication.Run(args, new CliContext(output, error, cancel.Token));
        return new Result(code, output.ToString(), error.ToString());
    }

    sealed class WatchingWriter(string text, CancellationTokenSource cancel) : StringWriter
    {
        public override void Write(string? value)
        {
            base.Write(value);
            if (value is not null && value.Contains(text, StringComparison.Ordinal)) cancel.Cancel();
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            base.WriteLine();
        }
    }
}
