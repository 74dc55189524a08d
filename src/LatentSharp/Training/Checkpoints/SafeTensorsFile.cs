using LatentSharp.IO;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Training.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), so
/// Python's <c>safetensors.torch.load_file</c> reads our weights. We add a SHA-256 of the data
/// section to the metadata so a corrupted file is refused rather than silently loaded, and
/// every write is atomic (temp file, fsync, rename).
/// </summary>
public static class SafeTensorsFile
{
    const string ChecksumKey = "latentsharp.sha256";
    const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Writes <paramref name="tensors"/> and string <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var blobs = new List<byte[]>(names.Count);
        var header = new JsonObject();
        long offset = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in names)
        {
            using var cpu = tensors[name].detach().cpu().contiguous();
            var bytes = cpu.bytes.ToArray();
            blobs.Add(bytes);
            sha.AppendData(bytes);
            header[name] = new JsonObject
            {
                ["dtype"] = DTypeName(cpu.dtype, name),
                ["shape"] = new JsonArray(cpu.shape.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + bytes.Length)),
            };
            offset += bytes.Length;
        }
        var meta = new JsonObject();
        foreach (var (k, v) in metadata) meta[k] = v;
        meta[ChecksumKey] = Convert.ToHexString(sha.GetHashAndReset());
        header["__metadata__"] = meta;

        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        int padding = (8 - headerBytes.Length % 8) % 8;   // the format aligns data to 8 bytes
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(headerBytes.Length + padding));
            stream.Write(length);
            stream.Write(headerBytes);
            for (int i = 0; i < padding; i++) stream.WriteByte((byte)' ');
            foreach (var blob in blobs) stream.Write(blob);
        });
    }

    /// <summary>Reads only the metadata of a file (verifies the header, not the data).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var stream = OpenForRead(path);
        var (header, _) = ReadHeader(stream, path);
        return ParseMetadata(header, path);
    }

    /// <summary>Reads every tensor (on the CPU) and the metadata; verifies the checksum.</summary>
    /// <exception cref="CheckpointException">The file is missing, truncated, corrupted or not safetensors.</exception>
    public static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        using var stream = OpenForRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a safetensors file from a seekable stream (e.g. an embedded resource); <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointException">The stream is truncated, corrupted or not safetensors.</exception>
    public static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (header, dataStart) = ReadHeader(stream, path);
        var metadata = ParseMetadata(header, path);
        long dataLength = stream.Length - dataStart;
        var data = new byte[dataLength];
        stream.ReadExactly(data);
        if (metadata.TryGetValue(ChecksumKey, out var expected) &&
            !string.Equals(Convert.ToHexString(SHA256.HashData(data)), expected, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointException($"{path}: the data does not match its checksum; the file is corrupted.");

        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == "__metadata__") continue;
                if (node is not JsonObject entry) throw Bad(path, $"entry '{name}' is not an object");
                var dtype = ParseDType(entry["dtype"]?.GetValue<string>(), path, name);
                var shape = entry["shape"]?.AsArray().Select(n => n!.GetValue<long>()).ToArray() ?? throw Bad(path, $"'{name}' has no shape");
                var offsets = entry["data_offsets"]?.AsArray().Select(n => n!.GetValue<long>()).ToArray() ?? throw Bad(path, $"'{name}' has no data_offsets");
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                    throw Bad(path, $"'{name}' points outside the data section (the file may be truncated)");
                long count = shape.Aggregate(1L, (a, b) => a * b);
                if (shape.Any(d => d < 0) || count * ElementSize(dtype) != offsets[1] - offsets[0])
                    throw Bad(path, $"'{name}' has shape [{string.Join(", ", shape)}] but {offsets[1] - offsets[0]} bytes");
                var tensor = empty(shape, dtype);
                tensor.bytes = data.AsSpan((int)offsets[0], (int)(offsets[1] - offsets[0]));
                tensors[name] = tensor;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw Bad(path, e.Message);
        }
        return (tensors, metadata);
    }

    static FileStream OpenForRead(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read); }
        catch (FileNotFoundException) { throw new CheckpointException($"{path}: no such file."); }
        catch (DirectoryNotFoundException) { throw new CheckpointException($"{path}: no such file."); }
    }

    static (JsonObject Header, long DataStart) ReadHeader(Stream stream, string path)
    {
        Span<byte> length = stackalloc byte[8];
        if (stream.Length < 8 || stream.Read(length) != 8) throw Bad(path, "too short to hold a header");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(length);
        if (headerLength == 0 || headerLength > MaxHeaderBytes || (long)headerLength > stream.Length - 8)
            throw Bad(path, $"header length {headerLength} does not fit a file of {stream.Length} bytes (truncated, or not safetensors)");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        try
        {
            return (JsonNode.Parse(headerBytes)?.AsObject() ?? throw Bad(path, "empty header"), 8 + (long)headerLength);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Bad(path, "the header is not valid JSON");
        }
    }

    static IReadOnlyDictionary<string, string> ParseMetadata(JsonObject header, string path)
    {
        var result = new Dictionary<string, string>();
        if (header["__metadata__"] is JsonObject meta)
            foreach (var (k, v) in meta)
                result[k] = v is JsonValue value && value.TryGetValue<string>(out var s) ? s : throw Bad(path, $"metadata '{k}' is not a string");
        return result;
    }

    static CheckpointException Bad(string path, string why) => new($"{path}: not a valid safetensors file: {why}.");

    static string DTypeName(ScalarType type, string name) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"Tensor '{name}' has dtype {type}, which safetensors cannot store."),
    };

    static ScalarType ParseDType(string? name, string path, string tensor) => name switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw Bad(path, $"'{tensor}' has unknown dtype '{name}'"),
    };

    static long ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };
}
