using LatentSharp.Evaluation.Estimators;
using LatentSharp.Training;

namespace LatentSharp.Reporting;

/// <summary>
/// Everything a run folder says about its run, read once from its files (config.json, metrics.jsonl,
/// evaluation.json, failure.json, manifest.json) — what <see cref="RunReport"/> and
/// <see cref="RunComparison"/> are built from. Only config.json must be readable; a damaged optional
/// file is listed in <see cref="Problems"/> so that a page still shows the rest and says what is missing.
/// </summary>
public sealed record RunContents
{
    /// <summary>The run folder as given.</summary>
    public required string Directory { get; init; }

    /// <summary>The folder's own name, e.g. <c>vae-fmnist</c>: how pages and tables name the run.</summary>
    public required string Name { get; init; }

    /// <summary>config.json.</summary>
    public required RunConfig Config { get; init; }

    /// <summary>metrics.jsonl, one record per finished epoch (empty before the first).</summary>
    public required IReadOnlyList<EpochRecord> Epochs { get; init; }

    /// <summary>evaluation.json (no entries when the run was never evaluated).</summary>
    public required EvaluationFile Evaluation { get; init; }

    /// <summary>failure.json: why the last training attempt stopped, or null when it did not fail.</summary>
    public RunFailure? Failure { get; init; }

    /// <summary>The run's files as manifest.json lists them (by name for runs older than manifests).</summary>
    public required IReadOnlyList<RunFile> Files { get; init; }

    /// <summary>Files that exist but could not be read, one sentence each.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The final figures: the last epoch's training figures, then every evaluation result.</summary>
    public IReadOnlyList<ReportedFigure> Figures => [.. TrainingFigures(), .. EvaluationFigures()];

    /// <summary>The pictures among <see cref="Files"/> that exist, in manifest order.</summary>
    public IReadOnlyList<RunFile> Pictures =>
        Files.Where(f => PictureTypes.ContainsKey(Path.GetExtension(f.Name).ToLowerInvariant()) && File.Exists(PathOf(f.Name))).ToList();

    /// <summary>The MIME type of each picture file extension a page embeds.</summary>
    internal static IReadOnlyDictionary<string, string> PictureTypes { get; } = new Dictionary<string, string>
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif", [".webp"] = "image/webp",
    };

    /// <summary>The full path of a file of this run.</summary>
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Reads the run in <paramref name="runDirectory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="Training.Checkpoints.CheckpointException">The folder holds no readable config.json, so it is not a run.</exception>
    public static RunContents Read(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        if (!System.IO.Directory.Exists(runDirectory)) throw new DirectoryNotFoundException($"{runDirectory}: no such run folder.");
        var config = RunConfig.Load(runDirectory);
        var problems = new List<string>();
        T Tolerant<T>(Func<T> read, T fallback)
        {
            try { return read(); }
            catch (Exception e) when (e is InvalidDataException or EvaluationFileException or IOException)
            {
                problems.Add(e.Message);
                return fallback;
            }
        }
        var epochs = Tolerant<IReadOnlyList<EpochRecord>>(() => MetricsFile.Read(Path.Combine(runDirectory, Trainer.MetricsFileName)), []);
        var evaluation = Tolerant(() => EvaluationFile.Read(runDirectory), new EvaluationFile());
        var failure = Tolerant(() => RunFailure.Read(runDirectory), null);
        var files = Tolerant(() => ListedFiles(runDirectory), []);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDirectory)));
        return new RunContents
        {
            Directory = runDirectory, Name = name, Config = config, Epochs = epochs, Evaluation = evaluation,
            Failure = failure, Files = files, Problems = problems,
        };
    }

    // The manifest's entries; a run older than manifests gets its files by name, without descriptions.
    static IReadOnlyList<RunFile> ListedFiles(string runDirectory)
    {
        var listed = RunManifest.Read(runDirectory);
        if (listed.Count > 0) return listed;
        return RunManifest.Files(runDirectory).Select(path => new RunFile(Path.GetFileName(path), "", "")).ToList();
    }

    IEnumerable<ReportedFigure> TrainingFigures()
    {
        if (Epochs.Count == 0) yield break;
        var last = Epochs[^1];
        int epoch = (int)last["epoch"];
        // A metric's splits side by side (loss train, loss test, recon train, ...), in the order the trainer wrote them.
        var metricOrder = last.Values.Keys.Select(k => k[(k.IndexOf('.') + 1)..]).Distinct().ToList();
        foreach (var (key, value) in last.Values.OrderBy(kv => metricOrder.IndexOf(kv.Key[(kv.Key.IndexOf('.') + 1)..])))
        {
            int dot = key.IndexOf('.');
            if (dot <= 0 || dot == key.Length - 1) continue;   // epoch, step, seconds: bookkeeping, not figures
            var split = key[..dot];
            MetricKind? kind = last.Kinds.TryGetValue(key, out var k) ? k : null;
            yield return new ReportedFigure(key[(dot + 1)..], split, ReportedFigure.TrainingEstimator, ReportedFigure.TrainingEstimator,
                TrainingData(split), TrainingCount(split), value, kind, null, null, new Dictionary<string, string>(), epoch);
        }
    }

    IEnumerable<ReportedFigure> EvaluationFigures() =>
        Evaluation.Entries.SelectMany(entry => entry.Values.Select(v =>
            new ReportedFigure(v.Metric, entry.Split, entry.Estimator, entry.Spec, entry.Data, entry.Count, v.Value, v.Kind,
                v.StandardError, v.Unit, entry.Options)));

    /// <summary>
    /// The data a training figure of <paramref name="split"/> was computed on, named so that two runs
    /// on the same data give the same text: the source, the test file, and the held-out fraction (which
    /// changes both the training part and the validation part).
    /// </summary>
    internal string TrainingData(string split)
    {
        var source = Config.Data;
        if (split == "test") return Config.TestData is null ? $"{source}/test" : Config.TestData;
        var fraction = Config.ValidationFraction.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        return Config.ValidationFraction > 0 ? $"{source}/train, {fraction} held out for validation" : $"{source}/train";
    }

    long? TrainingCount(string split) => Config.DataDescription switch
    {
        null => null,
        var d when split == "train" => d.TrainCount,
        var d when split == d.EvaluatedSplit => d.EvaluatedCount,
        _ => null,
    };
}
