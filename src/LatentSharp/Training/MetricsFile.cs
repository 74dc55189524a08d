using System.Text.Json;
using System.Text.Json.Nodes;
using LatentSharp.IO;

namespace LatentSharp.Training;

/// <summary>
/// A run's metrics.jsonl: one JSON object per finished epoch — numbers by key (non-finite ones as
/// null), <c>"phase"</c> (the phase's name, for models with phases) and <c>"kinds"</c> (the kind
/// of each metric key). Lines written before phases and kinds existed (numbers only) still read.
/// </summary>
public static class MetricsFile
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "metrics.jsonl";

    const string PhaseKey = "phase", KindsKey = "kinds";

    /// <summary>One line of the file for <paramref name="record"/>.</summary>
    public static string Format(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = new JsonObject();
        foreach (var (key, value) in record.Values) line[key] = double.IsFinite(value) ? JsonValue.Create(value) : null;
        if (record.Phase is not null) line[PhaseKey] = record.Phase;
        if (record.Kinds.Count > 0)
        {
            var kinds = new JsonObject();
            foreach (var (key, kind) in record.Kinds) kinds[key] = kind.Name();
            line[KindsKey] = kinds;
        }
        return line.ToJsonString();
    }

    /// <summary>Parses one line written by <see cref="Format"/> (or an older numbers-only line).</summary>
    /// <exception cref="FormatException">Not a metrics line.</exception>
    public static EpochRecord Parse(string line)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("a metrics line is a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a metrics line: {e.Message}");
        }
        var values = new Dictionary<string, double>();
        string? phase = null;
        var kinds = new Dictionary<string, MetricKind>();
        foreach (var (key, node) in obj)
        {
            if (key == PhaseKey) phase = node?.GetValue<string>();
            else if (key == KindsKey && node is JsonObject kindObject)
                foreach (var (metric, kind) in kindObject) kinds[metric] = MetricKinds.Parse(kind?.GetValue<string>() ?? "");
            else values[key] = node is null ? double.NaN : node.GetValue<double>();
        }
        return new EpochRecord(values, phase, kinds);
    }

    /// <summary>Reads every record of the file at <paramref name="path"/>; an empty list when it does not exist.</summary>
    public static List<EpochRecord> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var result = new List<EpochRecord>();
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { result.Add(Parse(line)); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new FormatException($"{path}, line {number}: {e.Message}");
            }
        }
        return result;
    }

    /// <summary>Appends one record and flushes it to disk.</summary>
    public static void Append(string path, EpochRecord record)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(Format(record));
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Rewrites the file with <paramref name="records"/> only, atomically.</summary>
    public static void Rewrite(string path, IEnumerable<EpochRecord> records) =>
        AtomicFile.WriteText(path, string.Concat(records.Select(r => Format(r) + "\n")));
}
