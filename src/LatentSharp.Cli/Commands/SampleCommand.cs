using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Visualization;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent sample &lt;run&gt; --out samples.png</c>: new samples from a generative model.</summary>
public sealed class SampleCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "sample";

    /// <inheritdoc />
    public string Summary => "Draw new samples from a model that can generate; the same --seed gives the same samples. The format follows --out's extension unless --format says.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("out", "file", "Where to write the samples: .png, .csv or .safetensors (required)."),
        CliOption.Value("count", "N", "How many samples, 1 to 100000. Default: 64."),
        CliOption.Value("seed", "N", "Random seed; the same seed gives the same samples. Default: 1."),
        CliOption.Value("format", "format", $"{string.Join("|", SampleFiles.FormatNames)}. Default: from --out's extension.") with { Completions = [.. SampleFiles.FormatNames] },
        CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var outPath = args.Value("out") ?? throw new UsageException("--out <samples.png> is required (.png, .csv or .safetensors).");
        int count = (int)args.Integer("count", 64, 1, 100_000);
        long seed = args.Integer("seed", 1, 0);
        var formatName = args.Value("format");
        SampleFormat format;
        try
        {
            format = formatName is not null ? SampleFiles.ParseFormat(formatName)
                : SampleFiles.FormatOf(outPath) ?? throw new UsageException($"--out {outPath}: say the format with --format {string.Join("|", SampleFiles.FormatNames)} or use a .png, .csv or .safetensors name.");
        }
        catch (FormatException e) { throw new UsageException($"--format: {e.Message}"); }
        var device = CommonOptions.Device(args);
        var (model, _) = RunLoader.Load(run, device);
        using var _ = model;
        var generator = model as IGenerator
            ?? throw new UsageException($"'{model.Name}' cannot draw samples: it is not a generative model.");
        if (format == SampleFormat.Png && ImageShapes.Of(model.InputShape) is null)
            throw new UsageException($"Samples of '{model.Name}' have shape [{string.Join(", ", model.InputShape)}], not an image; use --format csv or safetensors.");
        SampleFiles.Write(generator, outPath, count, seed, format);
        context.Out.WriteLine($"wrote {count} samples of {model.Name} (seed {seed}) to {outPath}");
        return 0;
    }
}
