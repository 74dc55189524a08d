using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent decompose &lt;run&gt; --index i --out decomposition.png</c>: one sample as a sparse sum of the run's atoms.</summary>
public sealed class DecomposeCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "decompose";

    /// <inheritdoc />
    public string Summary => "Draw one sample as its few dictionary atoms with their coefficients (dictionary-learning, psd).";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("out", "file.png", "Where to draw the decomposition (required)."),
        CliOption.Value("index", "i", "Which sample of the split. Default: 0."),
        CliOption.Value("terms", "N", "Atoms drawn, 1 to 32. Default: 6."),
        CliOption.Flag("encoder", "Use a psd run's one-pass encoder instead of sparse coding."),
        CommonOptions.SplitOption, .. CommonOptions.DataOptions("the run's data"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var outPath = OutputPaths.File(args.Value("out") ?? throw new UsageException("--out <decomposition.png> is required."), "decomposition.png");
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        long index = args.Integer("index", 0, 0);
        int terms = (int)args.Integer("terms", 6, 1, 32);
        bool useEncoder = args.Flag("encoder");
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var coding = model as ISparseCoding ?? throw new UsageException($"'{model.Name}' has no dictionary atoms to decompose into (use a dictionary-learning or psd run).");
        var amortized = coding as IAmortizedSparseCoding;
        if (useEncoder && amortized is null)
            throw new UsageException($"--encoder needs a psd run; '{model.Name}' has no fast encoder.");
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        if (index >= dataset.Count) throw new UsageException($"--index {index} is out of range: {dataset.Name} has {dataset.Count} samples (0 to {dataset.Count - 1}).");
        var imageShape = ImageShapes.Of(dataset.SampleShape);
        if (imageShape is null || imageShape[0] != 1)
            throw new UsageException($"Samples of shape [{string.Join(", ", dataset.SampleShape)}] are not grayscale images.");

        using var scope = NewDisposeScope();
        var sample = dataset.Features.narrow(0, index, 1);
        var code = useEncoder ? amortized!.PredictCode(sample) : coding.SparseCode(sample);
        var how = useEncoder ? "one-pass encoder codes" : coding.SparseCodeMethod;
        var shown = DecompositionPicture.Save(outPath, sample[0], coding.Dictionary, code[0], imageShape[1], terms,
            $"{dataset.Name} sample {index}, {model.Name} ({how})");
        var equation = string.Join(" ", shown.Select((s, t) => (t == 0 ? (s.Coefficient < 0 ? "-" : "") : (s.Coefficient < 0 ? "- " : "+ ")) +
            Math.Abs(s.Coefficient).ToString("0.000", CultureInfo.InvariantCulture) + "*atom" + s.Atom));
        long nonZeros = code.ne(0).sum().item<long>();
        context.Out.WriteLine(shown.Count == 0 ? "x ~ 0 (every coefficient is zero)" : $"x ~ {equation}{(nonZeros > shown.Count ? $" + {nonZeros - shown.Count} smaller terms" : "")}");
        context.Out.WriteLine($"wrote {outPath}");
        return 0;
    }
}
