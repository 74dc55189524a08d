using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Corruption;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent denoise &lt;run&gt; --noise &lt;spec&gt; --out grid.png</c>: corrupts a split's images with
/// seeded noise, reconstructs them, draws noisy / denoised / clean rows and prints the PSNR of the
/// noisy and of the denoised images against the clean ones.
/// </summary>
public sealed class DenoiseCommand : ICommand
{
    // Images corrupted and reconstructed at once; the first batch holds every image drawn.
    const int BatchSize = 1000;

    /// <inheritdoc />
    public string Name => "denoise";

    /// <inheritdoc />
    public string Summary =>
        "Corrupt a split's images with --noise (kind:level joined by +; kinds: " + string.Join(", ", Corruptions.KindNames) + "), " +
        "reconstruct them, draw noisy/denoised/clean rows, and print PSNR on the whole split: the mean over images of " +
        "10·log10(1/MSE), peak 1, both images clipped to [0, 1], capped at 100 dB for identical images.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("noise", "spec", "The corruption, kind:level joined by + (required), e.g. gaussian:0.3 or masking:0.5+gaussian:0.1."),
        CliOption.Value("out", "file.png", "Where to draw the noisy/denoised/clean rows (required)."),
        CliOption.Value("count", "N", $"Images drawn per row, 1 to {BatchSize}. Default: 20."),
        CliOption.Value("seed", "N", "Seed of the noise. Default: 1."),
        CommonOptions.SplitOption, .. CommonOptions.DataOptions("the run's data"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var spec = args.Value("noise");
        if (string.IsNullOrWhiteSpace(spec)) throw new UsageException("--noise <spec> is required, e.g. --noise gaussian:0.3 or masking:0.5+gaussian:0.1.");
        ICorruption corruption;
        try { corruption = Corruptions.Parse(spec)!; }
        catch (FormatException e) { throw new UsageException($"--noise: {e.Message}"); }
        var outPath = OutputPaths.File(args.Value("out") ?? throw new UsageException("--out <grid.png> is required."), "grid.png");
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        int count = (int)args.Integer("count", 20, 1, BatchSize);
        long seed = args.Integer("seed", 1, 0);
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var reconstructor = Reconstructor(model);
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        var imageShape = ImageShapes.Of(dataset.SampleShape)
            ?? throw new UsageException($"Samples of shape [{string.Join(", ", dataset.SampleShape)}] are not images; denoise draws and scores images.");

        var (score, shown) = Denoise(reconstructor, dataset, corruption, seed, count);
        long drawn = shown.Clean.shape[0];
        using (shown.Noisy)
        using (shown.Denoised)
        using (shown.Clean)
        {
            var grid = new ImageGridOptions { Columns = 10, ImageShape = imageShape, Title = $"{corruption.Spec} (seed {seed})" };
            ImageGrid.SaveRows(outPath, [("noisy", shown.Noisy), ("denoised", shown.Denoised), ("clean", shown.Clean)], grid);
        }
        var f = CultureInfo.InvariantCulture;
        context.Out.WriteLine($"data\t{dataset.Name}\t{score.Count} images");
        context.Out.WriteLine($"noise\t{corruption.Spec}\tseed {seed}");
        context.Out.WriteLine($"psnr.noisy\t{score.NoisyPsnr.ToString("F2", f)} dB");
        context.Out.WriteLine($"psnr.denoised\t{score.DenoisedPsnr.ToString("F2", f)} dB");
        context.Out.WriteLine($"wrote {drawn} noisy, denoised and clean images to {outPath}");
        return 0;
    }

    /// <summary>The model as a reconstructor, or a refusal naming it.</summary>
    internal static IReconstructor Reconstructor(IModel model) =>
        RunLoader.As<IReconstructor>(model, "reconstruct its input, so it cannot denoise");

    /// <summary>Scores the whole split and keeps the first <paramref name="count"/> images of each row for the picture.</summary>
    internal static (DenoisingScore Score, (Tensor Noisy, Tensor Denoised, Tensor Clean) Shown) Denoise(
        IReconstructor model, Dataset dataset, ICorruption corruption, long seed, int count)
    {
        using var generator = new Generator((ulong)seed);
        Tensor? noisy = null, denoised = null;
        var score = DenoisingEvaluation.Evaluate(model, dataset.Features, corruption, generator, BatchSize, (start, n, d) =>
        {
            if (start > 0) return;
            noisy = n.narrow(0, 0, Math.Min(count, n.shape[0])).cpu().clone().DetachFromDisposeScope();
            denoised = d.narrow(0, 0, Math.Min(count, d.shape[0])).cpu().clone().DetachFromDisposeScope();
        });
        var clean = dataset.Features.narrow(0, 0, noisy!.shape[0]).cpu().clone();
        return (score, (noisy, denoised!, clean));
    }
}
