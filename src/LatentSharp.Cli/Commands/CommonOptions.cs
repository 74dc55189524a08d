using LatentSharp.Cli.CommandLine;
using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>Options several commands share: data source and device.</summary>
internal static class CommonOptions
{
    /// <summary><c>--data</c>, <c>--test-data</c>, <c>--label-column</c>, read by <see cref="Data"/>.</summary>
    public static IReadOnlyList<CliOption> DataOptions(string dataDefault) =>
    [
        CliOption.Value("data", "source", $"Data source: a name (fashion-mnist-small, fashion-mnist), a file, a folder or image-patches:<photos> (see 'latent data'). Default: {dataDefault}."),
        CliOption.Value("test-data", "path", "Test file for a file source (the named sets have their own test split)."),
        CliOption.Value("label-column", "column", "CSV label column: name, index, first, last or none. Default: a column named label, else none."),
    ];

    /// <summary><c>--device</c>, read by <see cref="Device"/>.</summary>
    public static CliOption DeviceOption(string fallback = "cpu") =>
        CliOption.Value("device", "device", $"cpu, cuda or cuda:N. Default: {fallback}.") with { Completions = ["cpu", "cuda"] };

    /// <summary><c>--split</c>, read by <see cref="Split"/>.</summary>
    public static CliOption SplitOption { get; } =
        CliOption.Value("split", "split", "train or test. Default: test when the data has one.") with { Completions = ["train", "test"] };

    /// <summary>The run folder argument of the commands that use a trained model.</summary>
    public static CliArgument RunArgument { get; } = new("run", "A run folder written by 'latent train'.");

    /// <summary>
    /// Resolves <c>--data</c> (or <paramref name="fallback"/>), <c>--test-data</c>, <c>--label-column</c>;
    /// what the reader decided for the user (a column named label read as the labels) goes to the error stream.
    /// </summary>
    public static (DataSplit Split, string Source, string? TestData, string? LabelColumn) Data(ArgumentList args, CliContext context, string? fallback = null, string? fallbackTest = null, string? fallbackLabel = null)
    {
        var source = args.Value("data") ?? fallback;
        var test = args.Value("test-data") ?? (args.Has("data") ? null : fallbackTest);
        var label = args.Value("label-column") ?? (args.Has("data") ? null : fallbackLabel);
        var options = new DataSourceOptions { TestPath = test, Csv = new CsvOptions { LabelColumn = label } };
        var split = DataSources.Resolve(source, options);
        WriteNotes(split, context);
        return (split, source ?? DataSources.FashionMnistSmall, test, label);
    }

    /// <summary>Shows the data's notes (see <see cref="Dataset.Notes"/>) on the error stream.</summary>
    public static void WriteNotes(DataSplit split, CliContext context)
    {
        foreach (var note in split.Notes) context.Error.WriteLine($"note: {note}");
    }

    /// <summary>Parses <c>--device</c> (cpu, cuda, cuda:N).</summary>
    public static Device Device(ArgumentList args, string? fallback = null)
    {
        var name = args.Value("device") ?? fallback ?? "cpu";
        if (name.Equals("cpu", StringComparison.OrdinalIgnoreCase)) return CPU;
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            if (!cuda.is_available())
                throw new UsageException($"--device {name}: CUDA is not available here (this build uses TorchSharp-cpu; install TorchSharp-cuda-linux on a GPU machine).");
            return device(name);
        }
        throw new UsageException($"--device: '{name}' is not a device; use cpu, cuda or cuda:N.");
    }

    /// <summary>The name of the split <see cref="Split"/> picks: <paramref name="name"/>, else test when there is one.</summary>
    public static string SplitName(DataSplit split, string? name) => name ?? (split.Test is not null ? "test" : "train");

    /// <summary>Picks a split by name.</summary>
    public static Dataset Split(DataSplit split, string? name)
    {
        switch (SplitName(split, name))
        {
            case "test": return split.Test ?? throw new UsageException("The data source has no test split; use --split train.");
            case "train": return split.Train;
            case var other: throw new UsageException($"--split: '{other}' is not a split; use train or test.");
        }
    }
}
