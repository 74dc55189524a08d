using System.Text;
using System.Text.Json;
using LatentSharp.IO;

namespace LatentSharp.Training;

/// <summary>
/// Reads and writes metrics.jsonl, one <see cref="EpochRecord"/> per line:
/// <c>{"epoch":1,"train.loss":0.31,...,"phase":"layer-1","kinds":{"train.loss":"proxy"},"warnings":[{"condition":"mode-collapse","message":"..."}]}</c>.
/// Figures are numbers (null for a non-finite value); <c>phase</c> (string), <c>kinds</c> (object of
/// kind names) and <c>warnings</c> (array of named conditions, only when the epoch raised some) are
/// optional, so lines written before they existed (all numbers) still read.
/// </summary>
public static class MetricsFile
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "metrics.jsonl";

    /// <summary>Key of the phase name on a line.</summary>
    public const string PhaseKey = "phase";

    /// <summary>Key of the object giving each metric's kind on a line.</summary>
    public const string KindsKey = "kinds";

    /// <summary>Key of the array of the epoch's warnings, each <c>{"condition": name, "message": text}</c>.</summary>
    public const string WarningsKey = "warnings";

    /// <summary>The records of <paramref name="path"/> in file order; empty when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">A line is not a metrics record; the message gives its number.</exception>
    public static List<EpochRecord> Read(string path)
    {
        var result = new List<EpochRecord>();
        if (!File.Exists(path)) return result;
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { result.Add(Parse(line)); }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}, line {number}: not a metrics record: {e.Message}");
            }
        }
        return result;
    }

    /// <summary>Parses one line (old all-numbers lines and lines with phase and kinds).</summary>
    /// <exception cref="FormatException">The line is not a JSON object of numbers with an optional phase, kinds and warnings.</exception>
    public static EpochRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("a line must be a JSON object.");
        var values = new Dictionary<string, double>();
        var kinds = new Dictionary<string, MetricKind>();
        string? phase = null;
        var warnings = new List<TrainingCondition>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name, property.Value.ValueKind)
            {
                case (PhaseKey, JsonValueKind.String): phase = property.Value.GetString(); break;
                case (PhaseKey, JsonValueKind.Null): break;
                case (KindsKey, JsonValueKind.Object):
                    foreach (var kind in property.Value.EnumerateObject())
                        kinds[kind.Name] = MetricKinds.Parse(kind.Value.GetString() ?? "");
                    break;
                case (WarningsKey, JsonValueKind.Array):
                    foreach (var warning in property.Value.EnumerateArray())
                        warnings.Add(new TrainingCondition(Text(warning, "condition"), Text(warning, "message")));
                    break;
                case (_, JsonValueKind.Number): values[property.Name] = property.Value.GetDouble(); break;
                case (_, JsonValueKind.Null): values[property.Name] = double.NaN; break;
                default: throw new FormatException($"'{property.Name}' is {property.Value.ValueKind}, not a number.");
            }
        }
        return new EpochRecord(values, phase, kinds) { Warnings = warnings };
    }

    static string Text(JsonElement warning, string name) =>
        warning.ValueKind == JsonValueKind.Object && warning.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"a warning needs a string '{name}'.");

    /// <summary>One line (no newline) for <paramref name="record"/>: figures first, then phase, kinds and warnings when present.</summary>
    public static string Format(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in record.Values)
            {
                if (key is PhaseKey or KindsKey or WarningsKey) throw new ArgumentException($"'{key}' is reserved for the phase, kinds and warnings; a metric cannot have that name.", nameof(record));
                if (double.IsFinite(value)) writer.WriteNumber(key, value);
                else writer.WriteNull(key);
            }
            if (record.Phase is not null) writer.WriteString(PhaseKey, record.Phase);
            if (record.Kinds.Count > 0)
            {
                writer.WriteStartObject(KindsKey);
                foreach (var (key, kind) in record.Kinds) writer.WriteString(key, kind.Name());
                writer.WriteEndObject();
            }
            if (record.Warnings.Count > 0)
            {
                writer.WriteStartArray(WarningsKey);
                foreach (var warning in record.Warnings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("condition", warning.Name);
                    writer.WriteString("message", warning.Message);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Appends one record to <paramref name="path"/> and flushes it to disk (a killed run keeps every finished epoch).</summary>
    public static void Append(string path, EpochRecord record)
    {
        var line = Format(record) + "\n";
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Replaces <paramref name="path"/> atomically with <paramref name="records"/> (e.g. truncation on resume).</summary>
    public static void Write(string path, IEnumerable<EpochRecord> records) =>
        AtomicFile.WriteText(path, string.Concat(records.Select(r => Format(r) + "\n")));
}
