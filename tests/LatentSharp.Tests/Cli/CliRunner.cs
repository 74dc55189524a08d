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
}
