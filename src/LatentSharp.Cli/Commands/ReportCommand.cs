using LatentSharp.Cli.CommandLine;
using LatentSharp.Reporting;
using LatentSharp.Training;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent report &lt;run&gt; [--out file]</c>: rebuilds a run's report.html from its files.</summary>
public sealed class ReportCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "report";

    /// <inheritdoc />
    public string Summary =>
        "Rebuild the run's report.html (figures with kinds, curves, pictures, configuration, data, files; one self-contained page) " +
        "from its files; --out writes it elsewhere and leaves the run folder untouched.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
        [CliOption.Value("out", "file", "Where to write the page instead of <run>/report.html.")];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var outPath = args.Value("out");
        if (outPath is null)
        {
            // The page is one of the run's files: no training may rewrite the run meanwhile. A folder that is
            // no run is left to the report to refuse, in its own words.
            using var folder = RunFolder.HoldsRun(run) ? RunFolder.Open(run, RunFolderMode.Update) : null;
            RunReport.Write(run);
            outPath = Path.Combine(run, RunReport.FileName);
        }
        else RunReport.WriteTo(run, OutputPaths.File(outPath, RunReport.FileName));
        context.Out.WriteLine($"wrote {outPath}");
        return 0;
    }
}
