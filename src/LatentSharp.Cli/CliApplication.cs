using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Commands;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;

namespace LatentSharp.Cli;

/// <summary>
/// The <c>latent</c> tool: dispatches to a command and turns failures into one clear line.
/// Exit codes: 0 success, 1 failure while running (e.g. training diverged), 2 bad input
/// (usage, data, options, files), 130 interrupted.
/// </summary>
public static class CliApplication
{
    /// <summary>Every command.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
        [new TrainCommand(), new EvaluateCommand(), new EncodeCommand(), new ReconstructCommand(), new DenoiseCommand(), new DecomposeCommand(), new FinetuneCommand(), new ProbeCommand(), new SampleCommand(), new W1Command(), new ReportCommand(), new CompareCommand(), new ModelsCommand(), new DataCommand()];

    /// <summary>Runs <c>latent</c> with <paramref name="args"/>.</summary>
    public static int Run(string[] args, CliContext context)
    {
        bool verbose = args.Contains("--verbose");
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintHelp(context.Out);
            return args.Length == 0 ? 2 : 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
            return Fail(context, 2, $"Unknown command '{args[0]}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))}.", null, verbose);
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            context.Out.WriteLine(command.Usage);
            context.Out.WriteLine(command.Summary);
            return 0;
        }
        try
        {
            return command.Run(new ArgumentList(args.Skip(1), command.Flags), context);
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

    static void PrintHelp(TextWriter output)
    {
        output.WriteLine("latent — unsupervised deep learning for .NET (LatentSharp)");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var c in Commands)
        {
            output.WriteLine($"  {c.Usage}");
            output.WriteLine($"      {c.Summary}");
        }
        output.WriteLine();
        output.WriteLine($"Data sources: {string.Join(", ", DataSources.KnownNames.Select(n => n.Name))}, or a path (.idx, .idx.gz, .csv, folder).");
        output.WriteLine("Add --verbose to any command for error details.");
    }
}
