using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Visualization;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent reconstruct &lt;run&gt; [--out grid.png]</c>: originals above reconstructions (by default in <c>&lt;run&gt;/reconstructions-&lt;split&gt;.png</c>).</summary>
public sealed class ReconstructCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "reconstruct";

    /// <inheritdoc />
    public string Summary => "Draw originals above their reconstructions as a PNG grid.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("out", "file.png", "Where to draw the grid. Default: <run>/reconstructions-<split>.png."),
        CliOption.Value("count", "N", "How many samples, 1 to 1000. Default: 20."),
        CommonOptions.SplitOption, .. CommonOptions.DataOptions("the run's data"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        // A given --out is checked before any work; the default is named once the split is known.
        var outPath = args.Value("out") is { } given ? OutputPaths.File(given, "grid.png") : null;
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        int count = (int)args.Integer("count", 20, 1, 1000);
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var reconstructor = RunLoader.As<IReconstructor>(model, "reconstruct");
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        outPath ??= OutputPaths.File(Path.Combine(run, $"reconstructions-{CommonOptions.SplitName(data, splitName)}.png"), "grid.png");
        if (ImageShapes.Of(dataset.SampleShape) is null)
            throw new UsageException($"Samples of shape [{string.Join(", ", dataset.SampleShape)}] are not images; use 'latent encode' instead.");
        RunPictures.DrawReconstructions(reconstructor, dataset, outPath, count);
        context.Out.WriteLine($"wrote {Math.Min(count, dataset.Count)} originals and reconstructions to {outPath}");
        return 0;
    }
}
