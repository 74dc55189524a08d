using System.Text.Json;
using LatentSharp.IO;

namespace LatentSharp.Training;

/// <summary>
/// failure.json in a run folder: why the run stopped when training failed (today: <c>diverged</c>),
/// where, and how many epochs the kept checkpoint and model hold. Written by the <see cref="Trainer"/>
/// as the failure is raised; removed when the folder trains again (fresh or resumed), so its presence
/// means the folder's last training attempt failed.
/// </summary>
/// <param name="Condition">The condition's name (<see cref="TrainingCondition.Diverged"/>).</param>
/// <param name="Message">The failure as the exception states it.</param>
/// <param name="Epoch">1-based epoch in which it happened.</param>
/// <param name="Step">Global step at which it happened.</param>
/// <param name="EpochsKept">Finished epochs whose checkpoint, model file and metrics lines are kept (the last good state).</param>
public sealed record RunFailure(string Condition, string Message, int Epoch, long Step, int EpochsKept)
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "failure.json";

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Path of the file in <paramref name="runDirectory"/>.</summary>
    public static string PathIn(string runDirectory) => System.IO.Path.Combine(runDirectory, FileName);

    /// <summary>Writes <paramref name="failure"/> into <paramref name="runDirectory"/> atomically.</summary>
    public static void Write(string runDirectory, RunFailure failure) =>
        AtomicFile.WriteText(PathIn(runDirectory), JsonSerializer.Serialize(failure, Json) + "\n");

    /// <summary>The recorded failure, or null when the folder's last training attempt did not fail.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a failure record.</exception>
    public static RunFailure? Read(string runDirectory)
    {
        var path = PathIn(runDirectory);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<RunFailure>(File.ReadAllText(path), Json) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a failure record: {e.Message}"); }
    }

    /// <summary>Removes the record (a new training attempt starts).</summary>
    public static void Clear(string runDirectory) => File.Delete(PathIn(runDirectory));
}
