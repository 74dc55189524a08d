using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent w1 --a &lt;source&gt; --b &lt;source&gt;</c>: the Wasserstein-1 distance between two data sources'
/// samples, estimated by a weight-clipped critic (<see cref="WassersteinCritic"/>), calibrated by the
/// critic's measured slope, with the raw critic value beside it.
/// </summary>
public sealed class W1Command : ICommand
{
    /// <inheritdoc />
    public string Name => "w1";

    /// <inheritdoc />
    public string Summary => "Wasserstein-1 distance between two sample sets (weight-clipped critic, calibrated by its measured slope).";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("a", "source", "The first data source (required)."),
        CliOption.Value("b", "source", "The second data source (required)."),
        CliOption.Value("a-split", "split", "Split of --a: train or test. Default: test when there is one.") with { Completions = ["train", "test"] },
        CliOption.Value("b-split", "split", "Split of --b: train or test. Default: test when there is one.") with { Completions = ["train", "test"] },
        CliOption.Value("samples", "N", "At most this many samples of each, 8 to 10000000. Default: 5000."),
        CliOption.Value("clip", "X", "Weight clip of the critic. Default: 0.01."),
        CliOption.Value("steps", "N", "Critic training steps. Default: 1000."),
        CliOption.Value("lr", "X", "Critic learning rate. Default: clip/200."),
        CliOption.Value("seed", "N", "Random seed. Default: 1."),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var sourceA = args.Value("a") ?? throw new UsageException("--a: give the first data source (a name such as fashion-mnist, or a path).");
        var sourceB = args.Value("b") ?? throw new UsageException("--b: give the second data source.");
        var splitA = args.Value("a-split");
        var splitB = args.Value("b-split");
        long samples = args.Integer("samples", 5000, 8, 10_000_000);
        long seed = args.Integer("seed", 1);
        var options = new WassersteinCriticOptions
        {
            Clip = args.Real("clip", 0.01, 1e-6, 10),
            Steps = (int)args.Integer("steps", 1000, 1, 1_000_000),
            LearningRate = args.Value("lr") is null ? null : args.Real("lr", 5e-5, 1e-9, 1),
        };
        using var dataA = DataSources.Resolve(sourceA);
        CommonOptions.WriteNotes(dataA, context);
        using var dataB = DataSources.Resolve(sourceB);
        CommonOptions.WriteNotes(dataB, context);
        var a = CommonOptions.Split(dataA, splitA);
        var b = CommonOptions.Split(dataB, splitB);
        if (a.Features[0].numel() != b.Features[0].numel())
            throw new UsageException($"--a has samples of {a.Features[0].numel()} values and --b of {b.Features[0].numel()}: W1 compares samples of one size.");
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var estimate = WassersteinCritic.Estimate(Subset(a, samples, generator), Subset(b, samples, generator), options, generator);
        string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
        context.Out.WriteLine($"a\t{sourceA}\t{a.Name}\t{a.Count} samples");
        context.Out.WriteLine($"b\t{sourceB}\t{b.Name}\t{b.Count} samples");
        context.Out.WriteLine($"metric\tvalue\tkind\tstderr");
        context.Out.WriteLine($"w1\t{F(estimate.Distance)}\testimate\t{F(estimate.StandardError)}");
        context.Out.WriteLine($"critic\t{F(estimate.Raw)}\tproxy\t");
        context.Out.WriteLine($"lipschitz\t{F(estimate.Lipschitz)}\tproxy\t");
        context.Out.WriteLine($"critic trained {estimate.Steps} steps on {estimate.TrainCount.A} + {estimate.TrainCount.B} samples, clip {F(estimate.Clip)}, lr {F(options.EffectiveLearningRate)}; scored on {estimate.HeldOutCount.A} + {estimate.HeldOutCount.B} held out");
        return 0;
    }

    // At most `count` samples, a random subset when there are more.
    static Tensor Subset(Dataset data, long count, Generator generator) =>
        data.Count <= count ? data.Features : data.Features.index(randperm(data.Count, generator: generator).narrow(0, 0, count));
}
