using System.Text.Json;
using System.Text.Json.Serialization;
using LatentSharp.IO;
using LatentSharp.Models;

namespace LatentSharp.Training;

/// <summary>
/// <c>manifest.json</c>: the files a run folder holds, each with a one-line description and what
/// wrote it, so tools (the CLI's <c>--overwrite</c>, a report, a comparison) need not know file
/// names. The fixed files (config, weights, checkpoint, metrics) are always part of a run; other
/// writers (pictures, evaluation) <see cref="Record"/> theirs.
/// </summary>
public static class RunManifest
{
    /// <summary>The manifest's file name in a run folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The files every run may hold, whatever the model.</summary>
    public static IReadOnlyList<RunFile> FixedFiles { get; } =
    [
        new(RunConfig.FileName, "model name, hyper-parameters, data and trainer settings of the run", "trainer"),
        new(Trainer.ModelFileName, "the trained model's weights (safetensors; rebuilds the model on its own)", "trainer"),
        new(Trainer.CheckpointFileName, "optimiser, random-generator and position state for --resume", "trainer"),
        new(Trainer.MetricsFileName, "one JSON line of figures per epoch (with phase and metric kinds)", "trainer"),
        new(Evaluation.Estimators.EvaluationFile.FileName, "results of 'latent evaluate --estimator ...', with kinds", "evaluate"),
        new(RunFailure.FileName, "why the last training attempt stopped (e.g. diverged), where, and the epochs kept", "trainer"),
    ];

    // What runs wrote before they had a manifest (or when it is unreadable): their pictures by name.
    static readonly string[] PicturesBeforeManifests =
        ["reconstructions.png", "loss.png", "filters.png", "latent.png", "centroids.png", "atoms.png", "u-matrix.png", "hit-map.png", "component-planes.png", "prototypes.png"];

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The entries of <paramref name="runDirectory"/>'s manifest; empty when it has none.</summary>
    /// <exception cref="InvalidDataException">The manifest exists but is not one this library wrote.</exception>
    public static IReadOnlyList<RunFile> Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return [];
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
            return document?.Files?.Where(f => f is { Name: not null }).ToList() ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a run manifest: {e.Message}");
        }
    }

    /// <summary>
    /// Adds <paramref name="files"/> to the manifest of <paramref name="runDirectory"/> (an entry with
    /// the same name is replaced) and rewrites it atomically with the fixed files that exist, dropping
    /// entries whose file is gone. Returns the manifest's entries, fixed files first.
    /// </summary>
    public static IReadOnlyList<RunFile> Record(string runDirectory, IEnumerable<RunFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var entries = new List<RunFile>();
        void Add(RunFile file)
        {
            if (!IsPlainName(file.Name) || file.Name == FileName)
                throw new ArgumentException($"'{file.Name}' is not a file name a run's manifest can list (no folders, not the manifest itself).", nameof(files));
            entries.RemoveAll(e => e.Name == file.Name);
            entries.Add(file);
        }
        foreach (var file in FixedFiles.Concat(Read(runDirectory)).Concat(files)) Add(file);
        var present = entries.Where(e => File.Exists(Path.Combine(runDirectory, e.Name)))
            .OrderBy(e => FixedIndex(e.Name)).ToList();
        AtomicFile.WriteText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(new Document { Files = present }, Json) + "\n");
        return present;
    }

    /// <summary>
    /// Full paths of the files a run in <paramref name="runDirectory"/> wrote and that exist: the fixed
    /// files, every manifest entry and the manifest itself (for a run older than manifests: the
    /// pictures runs wrote then). What replacing a run deletes; a user's unrelated files are not listed.
    /// </summary>
    public static IReadOnlyList<string> Files(string runDirectory)
    {
        IEnumerable<string> names;
        if (!File.Exists(Path.Combine(runDirectory, FileName))) names = FixedFiles.Select(f => f.Name).Concat(PicturesBeforeManifests);
        else
        {
            try { names = FixedFiles.Concat(Read(runDirectory)).Select(f => f.Name).Append(FileName); }
            catch (InvalidDataException) { names = FixedFiles.Select(f => f.Name).Concat(PicturesBeforeManifests); }
        }
        return names.Where(IsPlainName).Distinct().Select(n => Path.Combine(runDirectory, n)).Where(File.Exists).ToList();
    }

    // A manifest edited by hand must not make a run's deletion reach outside its folder.
    static bool IsPlainName(string name) => name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not "." and not "..";

    // Fixed files first in their own order, then the others in the order recorded.
    static int FixedIndex(string name)
    {
        for (int i = 0; i < FixedFiles.Count; i++)
            if (FixedFiles[i].Name == name) return i;
        return FixedFiles.Count;
    }

    sealed class Document
    {
        [JsonPropertyName("files")]
        public List<RunFile>? Files { get; set; }
    }
}
