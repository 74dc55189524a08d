using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Visualization;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent reconstruct &lt;run&gt; --out grid.png</c>: originals above reconstructions.</summary>
public sealed class ReconstructCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "reconstruct";

    /// <inheritdoc />
    public string Usage => "latent reconstruct <run> --out grid.png [--data <source>] [--split test|train] [--count N]";

    /// <inheritdoc />
    public string Summary => "Draw originals above their reconstructions as a PNG grid.";

    /// <inheritdoc />
    public ISet<string> Flags { get; } = new HashSet<string> { "verbose" };

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var outPath = OutputPaths.File(args.Value("out") ?? throw new UsageException("--out <grid.png> is required."), "grid.png");
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        int count = (int)args.Integer("count", 20, 1, 1000);
        args.Flag("verbose");
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var reconstructor = RunLoader.As<IReconstructor>(model, "reconstruct");
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        args.EnsureAllUsed(["data", "test-data", "label-column", "split", "device", "out", "count"]);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        if (ImageShapes.Of(dataset.SampleShape) is null)
            throw new UsageException($"Samples of shape [{string.Join(", ", dataset.SampleShape)}] are not images; use 'latent encode' instead.");
        RunPictures.DrawReconstructions(reconstructor, dataset, outPath, count);
        context.Out.WriteLine($"wrote {Math.Min(count, dataset.Count)} originals and reconstructions to {outPath}");
        return 0;
    }
}
