using LatentSharp.Cli.CommandLine;
using LatentSharp.Reporting;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent compare &lt;run&gt; &lt;run&gt; ... [--out compare.html]</c>: the runs' figures in one table,
/// aligned by metric, split and estimator, with the lines that are not comparable marked and explained.
/// </summary>
public sealed class CompareCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "compare";

    /// <inheritdoc />
    public string Summary =>
        "Compare runs: one table of their final training figures and evaluation results, aligned by metric, split and estimator; " +
        "lines whose figures differ in data, binarisation, estimator settings or kind are marked not comparable. --out also writes the table as a page.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } =
        [new("runs", "Two or more run folders written by 'latent train'.", Required: true, Many: true)];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
        [CliOption.Value("out", "file", "Also write the table as an HTML page (e.g. compare.html).")];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var runs = new List<string>();
        while (args.OptionalPositional() is { } run) runs.Add(run);
        if (runs.Count < 2) throw new UsageException($"compare needs at least two run folders; {runs.Count} given.");
        var outPath = args.Value("out");
        if (outPath is not null) OutputPaths.File(outPath, "compare.html");
        var comparison = RunComparison.Of(runs);
        context.Out.WriteLine(ComparisonTable.Text(comparison));
        if (outPath is not null)
        {
            ComparisonPage.Write(comparison, outPath);
            context.Out.WriteLine($"wrote {outPath}");
        }
        return 0;
    }
}
