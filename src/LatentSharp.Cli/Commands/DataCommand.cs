using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Data;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent data &lt;source&gt;</c>: what a data source holds.</summary>
public sealed class DataCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "data";

    /// <inheritdoc />
    public string Summary => "Describe a data source: splits, sample shape, labels, value range. Without a source, list the named ones.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [new("source", "A data source (see the list without one).", Required: false)];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } = [.. CommonOptions.DataOptions("fashion-mnist-small").Skip(1)];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var source = args.OptionalPositional();
        var test = args.Value("test-data");
        var label = args.Value("label-column");
        if (source is null)
        {
            DataSourceKinds.Write(context.Out, "");
            return 0;
        }
        using var split = DataSources.Resolve(source, new DataSourceOptions { TestPath = test, Csv = new CsvOptions { LabelColumn = label } });
        CommonOptions.WriteNotes(split, context);
        Describe(context.Out, "train", split.Train);
        if (split.Test is not null) Describe(context.Out, "test", split.Test);
        return 0;
    }

    static void Describe(TextWriter output, string splitName, Dataset data)
    {
        var s = data.Describe();
        string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        output.WriteLine($"{splitName}: {data.Name}");
        output.WriteLine($"  samples   {s.Count}");
        output.WriteLine($"  shape     [{string.Join(", ", s.SampleShape)}]");
        output.WriteLine($"  values    min {F(s.Minimum)}  max {F(s.Maximum)}  mean {F(s.Mean)}");
        if (s.LabelCounts is { } counts)
            output.WriteLine($"  labels    {counts.Count} classes: " + string.Join(", ", counts.Select(c =>
                $"{(data.ClassNames is { } names && c.Label < names.Count ? names[(int)c.Label] : c.Label.ToString(CultureInfo.InvariantCulture))} {c.Count}")));
        else
            output.WriteLine("  labels    none");
    }
}
