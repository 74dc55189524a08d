using System.Text.Json;
using LatentSharp.IO;

namespace LatentSharp.Zoo;

/// <summary>
/// What the zoo did with one family; written as <see cref="FileName"/> into the family's run folder when
/// the family is finished (trained and evaluated), which is how a later zoo run knows to skip it, and
/// gathered into zoo.json.
/// </summary>
public sealed record ZooFamilyResult
{
    /// <summary>The marker of a finished family inside its run folder.</summary>
    public const string FileName = "zoo-family.json";

    /// <summary>Status of a family trained and evaluated.</summary>
    public const string Done = "done", Skipped = "skipped", Failed = "failed", Interrupted = "interrupted";

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>The catalogue name.</summary>
    public required string Family { get; init; }

    /// <summary><see cref="Done"/>, <see cref="Skipped"/>, <see cref="Failed"/> or <see cref="Interrupted"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why it was skipped or failed; null when done.</summary>
    public string? Reason { get; init; }

    /// <summary>The run folder's name inside the zoo folder.</summary>
    public required string Folder { get; init; }

    /// <summary>The budget it was given.</summary>
    public required ZooFamilyBudget Budget { get; init; }

    /// <summary>The data it was trained on.</summary>
    public string? Data { get; init; }

    /// <summary>Epochs trained.</summary>
    public int Epochs { get; init; }

    /// <summary>Training samples.</summary>
    public long TrainingSamples { get; init; }

    /// <summary>Seconds of training (the epochs' own times from metrics.jsonl, so a resumed run counts both parts).</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Training throughput: samples × epochs / <see cref="TrainingSeconds"/>.</summary>
    public double SamplesPerSecond { get; init; }

    /// <summary>Seconds the estimators took.</summary>
    public double EvaluationSeconds { get; init; }

    /// <summary>The estimator specs that ran.</summary>
    public IReadOnlyList<string> Estimators { get; init; } = [];

    /// <summary>Estimators that applied by capability but refused the data or failed, with why.</summary>
    public IReadOnlyList<string> EstimatorProblems { get; init; } = [];

    /// <summary>Writes the marker into <paramref name="runDirectory"/> atomically.</summary>
    public void Write(string runDirectory) => AtomicFile.WriteText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The marker in <paramref name="runDirectory"/>, or null when missing or unreadable.</summary>
    public static ZooFamilyResult? Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<ZooFamilyResult>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>Serialises a list of results (zoo.json's <c>families</c>).</summary>
    internal static JsonSerializerOptions JsonOptions => Json;
}
