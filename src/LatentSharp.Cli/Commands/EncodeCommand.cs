using LatentSharp.IO;
using System.Globalization;
using System.Text;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Training.Checkpoints;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent encode &lt;run&gt; [--out codes.csv]</c>: writes the codes of a data split (by default to <c>&lt;run&gt;/codes-&lt;split&gt;.csv</c>).</summary>
public sealed class EncodeCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "encode";

    /// <inheritdoc />
    public string Summary => "Write the codes (features) of each sample as CSV, with its label when known.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("out", "file.csv", "Where to write the codes. Default: <run>/codes-<split>.csv."),
        CommonOptions.SplitOption, .. CommonOptions.DataOptions("the run's data"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        // A given --out is checked before any work; the default is named once the split is known.
        var outPath = args.Value("out") is { } given ? OutputPaths.File(given, "codes.csv") : null;
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var encoder = RunLoader.As<IEncoder>(model, "encode");
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        outPath ??= OutputPaths.File(Path.Combine(run, $"codes-{CommonOptions.SplitName(data, splitName)}.csv"), "codes.csv");

        using var codes = encoder.Encode(dataset.Features).cpu();
        var values = codes.data<float>().ToArray();
        long[]? labels = dataset.Labels?.data<long>().ToArray();
        long width = codes.shape[1];
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, (int)width).Select(i => $"code_{i}"));
        if (labels is not null) text.Append(",label");
        text.Append('\n');
        for (long row = 0; row < codes.shape[0]; row++)
        {
            for (long col = 0; col < width; col++)
            {
                if (col > 0) text.Append(',');
                text.Append(values[row * width + col].ToString("R", CultureInfo.InvariantCulture));
            }
            if (labels is not null) text.Append(',').Append(labels[row]);
            text.Append('\n');
        }
        AtomicFile.WriteText(outPath, text.ToString());
        context.Out.WriteLine($"wrote {codes.shape[0]} codes of size {width} from {dataset.Name} to {outPath}");
        return 0;
    }
}
