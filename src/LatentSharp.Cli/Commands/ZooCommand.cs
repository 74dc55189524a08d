using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Zoo;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent zoo [--out runs/zoo] [--families a,b] [--data fashion-mnist] [--budget small] [--device cpu]</c>: trains every
/// registered family at a small budget and writes one comparison page. The work and the budgets are the
/// library's (<see cref="ZooRunner"/>, <see cref="ZooBudget"/>); this command parses, checks names and prints progress.
/// </summary>
public sealed class ZooCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "zoo";

    /// <inheritdoc />
    public string Summary =>
        "Train every registered family at a small, documented budget, evaluate each with the estimators that apply, and write one comparison page " +
        "(zoo.html) and zoo.json; each family is its own run folder. Run it again to continue where it stopped: finished families are kept.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("out", "folder", "The zoo folder: a run folder per family, zoo.html and zoo.json. Default: runs/zoo."),
        CliOption.Value("families", "a,b,...", "Only these families (names as 'latent models' lists them). Default: every one.") with { Completions = [.. ZooRunner.Families] },
        CliOption.Value("data", "source", "Data source (see 'latent data'). Default: fashion-mnist."),
        CliOption.Value("budget", "name", "How much each family gets: " + string.Join("; ", ZooBudget.All.Select(b => $"{b.Name} ({b.Summary})")) + ". Default: small.")
            with { Completions = [.. ZooBudget.All.Select(b => b.Name)] },
        CliOption.Value("seed", "N", "Seed of weights, batches and estimators. Default: 1."),
        CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var families = (args.Value("families") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var family in families)
        {
            if (ZooRunner.Families.Contains(family, StringComparer.OrdinalIgnoreCase)) continue;
            var near = Spelling.Closest(family, ZooRunner.Families);
            throw new UsageException($"--families: unknown family '{family}'" + (near is null ? $"; 'latent models' lists them." : $"; did you mean '{near}'?"));
        }
        var budgetName = args.Value("budget") ?? ZooBudget.Small.Name;
        var budget = ZooBudget.All.FirstOrDefault(b => string.Equals(b.Name, budgetName, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--budget: unknown budget '{budgetName}'; budgets: {string.Join(", ", ZooBudget.All.Select(b => b.Name))}.");
        var device = CommonOptions.Device(args).ToString();   // as 'latent train' reads it: a bad name or a missing CUDA is refused here
        var options = new ZooOptions
        {
            OutDirectory = OutputPaths.Folder(args.Value("out") ?? Path.Combine("runs", "zoo")),
            Families = families,
            Data = args.Value("data") ?? LatentSharp.Data.DataSources.FashionMnist,
            Budget = budget,
            Seed = args.Integer("seed", 1, 0),
            Device = device,
        };
        var result = ZooRunner.Run(options, new Lines(context.Error), context.Cancellation);
        foreach (var family in result.Families)
            context.Out.WriteLine(string.Join('\t', family.Family, family.Status,
                family.TrainingSeconds.ToString("F1", CultureInfo.InvariantCulture), family.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture), family.Reason ?? ""));
        context.Out.WriteLine($"page\t{result.PagePath}");
        context.Out.WriteLine($"json\t{result.JsonPath}");
        if (result.Interrupted)
        {
            context.Error.WriteLine($"Interrupted; run the same command again to continue ({result.NotReached.Count} famil{(result.NotReached.Count == 1 ? "y" : "ies")} left).");
            return 130;
        }
        return result.Families.Any(f => f.Status == ZooFamilyResult.Failed) ? 1 : 0;
    }

    // One line per stage and per finished epoch (not per step): readable in a terminal and in a log.
    sealed class Lines(TextWriter error) : IProgress<ZooProgress>
    {
        public void Report(ZooProgress value)
        {
            var prefix = $"[{value.Index}/{value.Count}] {value.Family}";
            if (value.Training is { EpochMetrics: { } metrics } t)
            {
                var figures = string.Join("  ", metrics.Where(kv => kv.Key.EndsWith(".loss", StringComparison.Ordinal))
                    .Select(kv => $"{kv.Key}={kv.Value.ToString("G5", CultureInfo.InvariantCulture)}"));
                error.WriteLine($"{prefix}  epoch {t.Epoch + 1}/{t.Epochs}  {t.SamplesPerSecond:F0} samples/s  {figures}");
            }
            else if (value.Training is null) error.WriteLine($"{prefix}  {value.Message}");
        }
    }
}
