using System.Text.Json.Nodes;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Training;
using SkiaSharp;

namespace LatentSharp.Tests.Reporting;

/// <summary>
/// A run folder written file by file, as the trainer and the evaluator would write it, with the
/// figures, kinds, settings and pictures a test plants: reports and comparisons are tested on
/// runs whose every number is known.
/// </summary>
internal sealed class HandMadeRun(string directory)
{
    readonly List<EpochRecord> _epochs = [];
    readonly List<EvaluationEntry> _entries = [];
    readonly List<RunFile> _files = [];

    public string Directory { get; } = directory;
    public string Model { get; init; } = "vae";
    public string Data { get; init; } = "fashion-mnist";
    public JsonObject Options { get; init; } = new() { ["codeSize"] = 2 };
    public RunDataDescription? DataDescription { get; init; }
    public int PlannedEpochs { get; init; } = 3;

    /// <summary>Adds an epoch with <paramref name="figures"/> (keys <c>split.metric</c>), every figure of kind <paramref name="kind"/>.</summary>
    public HandMadeRun Epoch(IReadOnlyDictionary<string, double> figures, MetricKind kind = MetricKind.Proxy, string? phase = null, params TrainingCondition[] warnings)
    {
        var values = new Dictionary<string, double> { ["epoch"] = _epochs.Count + 1, ["step"] = 10 * (_epochs.Count + 1), ["seconds"] = 1.5 };
        foreach (var (key, value) in figures) values[key] = value;
        _epochs.Add(new EpochRecord(values, phase, figures.Keys.ToDictionary(k => k, _ => kind)) { Warnings = warnings });
        return this;
    }

    /// <summary>Adds an estimator's result.</summary>
    public HandMadeRun Evaluation(string spec, IReadOnlyDictionary<string, string> options, string data, long count, params MetricValue[] values)
    {
        _entries.Add(new EvaluationEntry
        {
            Spec = spec, Estimator = spec.Split(':')[0], Options = options, Values = values, Split = "test", Data = data, Count = count,
            Seed = 1, LibraryVersion = "0.1.0", Timestamp = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        });
        return this;
    }

    /// <summary>Adds a PNG picture of <paramref name="width"/>×<paramref name="height"/> in one colour, listed in the manifest.</summary>
    public HandMadeRun Picture(string name, string description, int width, int height, SKColor colour)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(Directory, name), data.ToArray());
        _files.Add(new RunFile(name, description, "pictures"));
        return this;
    }

    /// <summary>Writes the folder: config.json, metrics.jsonl, evaluation.json (when there are results) and manifest.json.</summary>
    public string Write()
    {
        System.IO.Directory.CreateDirectory(Directory);
        new RunConfig
        {
            Model = Model, Options = Options, InputShape = [1, 28, 28], Data = Data,
            Trainer = new TrainerOptions { Epochs = PlannedEpochs, BatchSize = 64, Seed = 3 }, DataDescription = DataDescription,
        }.Save(Directory);
        MetricsFile.Write(Path.Combine(Directory, MetricsFile.FileName), _epochs);
        if (_entries.Count > 0) new EvaluationFile { Entries = _entries }.Write(Directory);
        RunManifest.Record(Directory, _files);
        return Directory;
    }

    /// <summary>The options of an estimator spec, as evaluation.json writes every one of them.</summary>
    public static IReadOnlyDictionary<string, string> Settings(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}
