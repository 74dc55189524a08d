using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentSharp.IO;
using LatentSharp.Reporting;
using LatentSharp.Training;

namespace LatentSharp.Zoo;

/// <summary>
/// The zoo's page and zoo.json. The page is a <see cref="ComparisonPage"/> of the finished families' runs
/// (one column each), with three rows the zoo adds — training seconds, training samples per second and
/// evaluation seconds — and notes for the budget and the families skipped, failed or not reached.
/// </summary>
public static class ZooReport
{
    /// <summary>The metric keys of the rows the zoo adds to the comparison.</summary>
    public const string TrainingSecondsMetric = "zoo.training_seconds", SamplesPerSecondMetric = "zoo.samples_per_second", EvaluationSecondsMetric = "zoo.evaluation_seconds";

    /// <summary>Writes zoo.html and zoo.json into the zoo folder.</summary>
    public static void Write(ZooResult zoo)
    {
        ArgumentNullException.ThrowIfNull(zoo);
        AtomicFile.WriteText(zoo.PagePath, Html(zoo));
        AtomicFile.WriteText(zoo.JsonPath, Json(zoo));
    }

    /// <summary>The comparison of the finished families, with the zoo's timing rows first.</summary>
    public static RunComparison Comparison(ZooResult zoo)
    {
        ArgumentNullException.ThrowIfNull(zoo);
        var done = zoo.Families.Where(f => f.Status == ZooFamilyResult.Done).ToList();
        var runs = done.Select(f => RunContents.Read(Path.Combine(zoo.Options.OutDirectory, f.Folder))).ToList();
        var comparison = RunComparison.Of(runs);
        ComparisonRow Timing(string metric, string unit, Func<ZooFamilyResult, double> value) =>
            new(metric, "train", "zoo", null,
                [.. done.Select(f => (ReportedFigure?)new ReportedFigure(metric, "train", "zoo", "zoo", f.Data ?? "", f.TrainingSamples, value(f),
                    MetricKind.Exact, null, unit, new Dictionary<string, string>()))],
                []);
        return comparison with
        {
            Rows =
            [
                Timing(TrainingSecondsMetric, "s", f => f.TrainingSeconds),
                Timing(SamplesPerSecondMetric, "samples/s", f => f.SamplesPerSecond),
                Timing(EvaluationSecondsMetric, "s", f => f.EvaluationSeconds),
                .. comparison.Rows,
            ],
        };
    }

    /// <summary>The page.</summary>
    public static string Html(ZooResult zoo)
    {
        ArgumentNullException.ThrowIfNull(zoo);
        var budget = zoo.Options.Budget;
        var notes = new List<string>
        {
            $"Budget '{budget.Name}': {budget.Summary}. Data: {zoo.Options.Data}; seed {zoo.Options.Seed}. " +
            "Every finished family's run folder holds its own report.html with pictures and curves.",
        };
        foreach (var f in zoo.Families)
        {
            if (f.Status == ZooFamilyResult.Done)
                notes.Add($"{f.Family}: {f.Epochs} epochs on {f.TrainingSamples} samples, evaluated on {f.Budget.TestSamples} test samples with {string.Join(", ", f.Estimators)}" +
                          (f.EstimatorProblems.Count > 0 ? $"; not computed: {string.Join("; ", f.EstimatorProblems)}" : "") + ".");
            else notes.Add($"{f.Family}: {f.Status}{(f.Reason is null ? "" : " — " + f.Reason)}." +
                           (f.Status == ZooFamilyResult.Failed && File.Exists(Path.Combine(zoo.Options.OutDirectory, f.Folder, RunReport.FileName))
                               ? $" Its run folder's {RunReport.FileName} shows the failure and the epochs before it." : ""));
        }
        foreach (var f in zoo.NotReached) notes.Add($"{f}: not reached (the zoo was interrupted; run it again to continue).");
        var text = new ComparisonPageText(
            $"Zoo: {zoo.Families.Count(f => f.Status == ZooFamilyResult.Done)} families on {zoo.Options.Data}",
            "Every family trained at a small, fixed budget and evaluated by the estimators its capabilities admit: reconstruction error " +
            "for models that reconstruct, NLL bounds for density models, sample quality (MMD², Fréchet distance, classes) for generators, " +
            "probe and k-NN accuracy for encoders; training time and throughput on this machine. Losses of different families are their own proxies and are flagged.",
            notes, "latent zoo");
        return ComparisonPage.Html(Comparison(zoo), text);
    }

    /// <summary>zoo.json: the options, every family's result and the wall time.</summary>
    public static string Json(ZooResult zoo)
    {
        ArgumentNullException.ThrowIfNull(zoo);
        var node = new JsonObject
        {
            ["budget"] = zoo.Options.Budget.Name,
            ["data"] = zoo.Options.Data,
            ["seed"] = zoo.Options.Seed,
            ["interrupted"] = zoo.Interrupted,
            ["wallSeconds"] = Math.Round(zoo.Elapsed.TotalSeconds, 1),
            ["written"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["families"] = JsonSerializer.SerializeToNode(zoo.Families, ZooFamilyResult.JsonOptions),
            ["notReached"] = JsonSerializer.SerializeToNode(zoo.NotReached),
        };
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
