using System.Text.Json;
using System.Text.Json.Serialization;
using LatentSharp.IO;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// A run folder's evaluation.json: every estimator result computed for the run, so that later tools
/// (a report, a comparison across runs) read one file. Written atomically; a new result replaces the
/// entry of the same evaluation (<see cref="EvaluationEntry.SameEvaluationAs"/>) and keeps the others.
/// <code>
/// { "format": 1, "entries": [ { "spec": "knn", "estimator": "knn", "options": { "k": "5", "metric": "euclidean" },
///   "values": [ { "metric": "knn.accuracy", "value": 0.81, "kind": "exact", "standardError": null, "unit": "fraction" } ],
///   "split": "test", "data": "fashion-mnist-small/test", "count": 1000, "trainCount": 2000, "seed": 1,
///   "libraryVersion": "0.1.0", "timestamp": "2026-12-01T02:00:00+00:00" } ] }
/// </code>
/// </summary>
public sealed record EvaluationFile
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "evaluation.json";

    /// <summary>The version of this layout.</summary>
    public const int CurrentFormat = 1;

    static readonly JsonSerializerOptions Settings = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Lower-case kinds ("exact"), as metrics.jsonl writes them.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Layout version.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The results, in the order first computed.</summary>
    public IReadOnlyList<EvaluationEntry> Entries { get; init; } = [];

    /// <summary>The entry of <paramref name="spec"/> (canonical text) on <paramref name="split"/>, or null.</summary>
    public EvaluationEntry? Find(string spec, string split = "test") =>
        Entries.LastOrDefault(e => e.Spec == spec && e.Split == split);

    /// <summary>This file with <paramref name="entry"/> added, replacing the entry of the same evaluation in place.</summary>
    public EvaluationFile With(EvaluationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = Entries.ToList();
        int index = entries.FindIndex(e => e.SameEvaluationAs(entry));
        if (index >= 0) entries[index] = entry;
        else entries.Add(entry);
        return this with { Entries = entries };
    }

    /// <summary>The path of evaluation.json in <paramref name="runDirectory"/>.</summary>
    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, FileName);

    /// <summary>Reads <paramref name="runDirectory"/>'s evaluation.json; an empty file when there is none yet.</summary>
    /// <exception cref="EvaluationFileException">The file exists but is not a valid evaluation file.</exception>
    public static EvaluationFile Read(string runDirectory)
    {
        var path = PathIn(runDirectory);
        if (!File.Exists(path)) return new EvaluationFile();
        EvaluationFile? file;
        try
        {
            file = JsonSerializer.Deserialize<EvaluationFile>(File.ReadAllText(path), Settings);
        }
        catch (JsonException e)
        {
            throw new EvaluationFileException($"{path} is not a valid evaluation file ({e.Message}); move it away to start a new one.", e);
        }
        if (file is null || file.Entries is null || file.Entries.Any(e => e is null || e.Values is null))
            throw new EvaluationFileException($"{path} is not a valid evaluation file (entries are missing); move it away to start a new one.");
        if (file.Format != CurrentFormat)
            throw new EvaluationFileException($"{path} has format {file.Format}; this version of LatentSharp reads format {CurrentFormat}.");
        return file;
    }

    /// <summary>Writes this file into <paramref name="runDirectory"/> atomically.</summary>
    public void Write(string runDirectory) =>
        AtomicFile.WriteText(PathIn(runDirectory), JsonSerializer.Serialize(this, Settings));

    /// <summary>Adds <paramref name="entry"/> to <paramref name="runDirectory"/>'s evaluation.json (replacing the same evaluation), atomically.</summary>
    /// <exception cref="EvaluationFileException">The existing file cannot be read; it is left as it was.</exception>
    public static EvaluationFile Record(string runDirectory, EvaluationEntry entry)
    {
        var file = Read(runDirectory).With(entry);
        file.Write(runDirectory);
        return file;
    }
}
