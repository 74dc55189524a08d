using System.CommandLine;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Commands;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;

namespace LatentSharp.Cli;

/// <summary>
/// The <c>latent</c> tool: parses with System.CommandLine (the tree built from <see cref="Commands"/>
/// by <see cref="CommandTree"/>), runs the command, and turns parse errors and failures into one clear line.
/// Exit codes: 0 success, 1 failure while running (e.g. training diverged), 2 bad input
/// (usage, data, options, files), 130 interrupted.
/// </summary>
public static class CliApplication
{
    /// <summary>Every command.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
        [new TrainCommand(), new EvaluateCommand(), new EncodeCommand(), new ReconstructCommand(), new DenoiseCommand(), new DecomposeCommand(), new FinetuneCommand(), new ProbeCommand(), new SampleCommand(), new W1Command(), new ReportCommand(), new CompareCommand(), new ZooCommand(), new ModelsCommand(), new DataCommand()];

    /// <summary>Runs <c>latent</c> with <paramref name="args"/>.</summary>
    public static int Run(string[] args, CliContext context)
    {
        bool verbose = args.Contains("--verbose");
        // "latent help [command]" as "latent [command] --help".
        if (args.Length > 0 && args[0] == "help") args = [.. args.Skip(1), "--help"];
        var tree = new CommandTree(Commands, context, Title, WriteHelpFooter);
        var result = tree.Root.Parse(args);
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            // No command: the help, as a usage error (a script that forgot its command fails).
            tree.Root.Parse(["--help"]).Invoke(invocation);
            return 2;
        }
        // Help, --version and [suggest] run even when the rest of the line has errors.
        bool helpOrVersion = result.Action is System.CommandLine.Invocation.CommandLineAction { ClearsParseErrors: true };
        if (!helpOrVersion && (result.Errors.Count > 0 || ParseErrorMessage.MissingValue(result) is not null))
            return Fail(context, 2, ParseErrorMessage.For(result, tree), null, verbose);
        try
        {
            return result.Invoke(invocation);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            return Fail(context, 2, e.Message, e, verbose);
        }
        catch (TrainingDivergedException e)
        {
            return Fail(context, 1, e.Message, e, verbose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(context, 2, e.Message, e, verbose);
        }
    }

    static bool IsBadInput(Exception e) => e is UsageException or RunFolderException or DataFormatException or DataSourceException or CheckpointException
        or InvalidOptionException or UnknownModelException or ArgumentException or FileNotFoundException or DirectoryNotFoundException;

    static int Fail(CliContext context, int code, string message, Exception? e, bool verbose)
    {
        context.Error.WriteLine($"latent: {message}");
        if (verbose && e is not null) context.Error.WriteLine(e.ToString());
        else if (code == 2) context.Error.WriteLine("(add --verbose for details; 'latent --help' for usage)");
        return code;
    }

    const string Title = "latent — unsupervised deep learning for .NET (LatentSharp)";

    // After the generated list of commands: where data comes from and how to learn more.
    static void WriteHelpFooter(TextWriter output)
    {
        output.WriteLine("Data sources (--data):");
        DataSourceKinds.Write(output, "  ");
        output.WriteLine();
        output.WriteLine("'latent <command> --help' shows a command's options; 'latent train <model> --help' a model's hyper-parameters.");
        output.WriteLine("Arguments can come from a response file: latent @args.rsp. Shell completion: see the README (dotnet-suggest).");
    }
}
