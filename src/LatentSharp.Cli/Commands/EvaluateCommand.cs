using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Reporting;
using LatentSharp.Training;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent evaluate &lt;run&gt; [--estimator &lt;spec&gt;]...</c>: runs named estimators (default
/// <c>loss</c>) on a data split, prints every figure with its kind, and records the results in the
/// run's evaluation.json.
/// </summary>
public sealed class EvaluateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "evaluate";

    /// <inheritdoc />
    public string Summary =>
        "Evaluate a trained model with estimators (repeat --estimator; default loss): " +
        string.Join("; ", EstimatorCatalog.All.Select(d => $"{Describe(d)}")) +
        ". Prints each figure with its kind (exact, bound, estimate ± standard error, proxy) and adds the results to the run's evaluation.json.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("estimator", "name[:key=value,...]", "An estimator to run; repeat for several. Default: loss.") with { Repeatable = true, Completions = [.. EstimatorCatalog.All.Select(d => d.Name)] },
        CommonOptions.SplitOption,
        CliOption.Value("seed", "N", "Seed of the estimators' randomness. Default: 1."),
        CliOption.Value("batch-size", "N", "Samples per batch, 1 to 1000000. Default: 512."),
        .. CommonOptions.DataOptions("the run's data"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var specs = args.Values("estimator");
        var estimators = (specs.Count == 0 ? ["loss"] : specs).Select(Create).ToList();
        var duplicate = estimators.GroupBy(e => e.Spec).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UsageException($"--estimator {duplicate.Key} is given twice.");
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        int batchSize = (int)args.Integer("batch-size", 512, 1, 1_000_000);
        long seed = args.Integer("seed", 1, 0);
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        // evaluation.json and the report are the run's files: no training may rewrite the run meanwhile.
        using var folder = RunFolder.Open(run, RunFolderMode.Update);
        foreach (var estimator in estimators) estimator.Descriptor.Check(model);
        // Read first: a damaged evaluation.json is reported before any work, and left as it was.
        EvaluationFile.Read(run);
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        var splitLabel = splitName ?? (data.Test is not null ? "test" : "train");

        context.Out.WriteLine($"data\t{dataset.Name}\t{dataset.Count} samples\tseed {seed}");
        context.Out.WriteLine("metric\tvalue\tkind\tstderr\testimator");
        EvaluationFile file = new();
        foreach (var estimator in estimators)
        {
            var entry = Evaluator.Run(model, estimator, dataset, splitLabel, data.Train, seed, batchSize);
            // Recorded after each estimator, so a long evaluation interrupted later keeps what it finished.
            file = EvaluationFile.Record(run, entry);
            foreach (var value in entry.Values)
                context.Out.WriteLine(Row(value, entry.Spec));
        }
        context.Out.WriteLine($"wrote {estimators.Count} result(s) to {EvaluationFile.PathIn(run)} ({file.Entries.Count} in all)");
        RunReport.Write(run);   // the report shows the new results
        context.Out.WriteLine($"updated {Path.Combine(run, RunReport.FileName)}");
        return 0;
    }

    static Estimator Create(string spec)
    {
        try { return EstimatorCatalog.Create(spec); }
        catch (EstimatorException e) { throw new UsageException($"--estimator: {e.Message}"); }
    }

    static string Row(MetricValue value, string spec)
    {
        var f = CultureInfo.InvariantCulture;
        var error = value.StandardError is { } se ? "± " + se.ToString("G3", f) : "";
        return $"{value.Metric}\t{value.Value.ToString("G6", f)}\t{value.Kind.Name()}\t{error}\t{spec}";
    }

    static string Describe(EstimatorDescriptor descriptor)
    {
        var keys = descriptor.Keys.Count == 0 ? "" : $" [{string.Join(",", descriptor.Keys.Select(k => k.Name + "=" + EstimatorOptionBinder.Format(k.Property.GetValue(descriptor.Defaults()))))}]";
        return $"{descriptor.Name}{keys} ({descriptor.Kind?.Name() ?? "the model's kinds"})";
    }
}
