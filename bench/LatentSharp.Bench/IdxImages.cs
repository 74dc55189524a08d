using System.Buffers.Binary;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Stand-in IDX image reader for the benchmark, until LatentSharp.Data.IdxReader lands:
/// gzip → bytes → one uint8 tensor → float32 [N, 1, rows, cols] in [0, 1]. One managed copy at load time only.
/// </summary>
static class IdxImages
{
    public static Tensor Read(string path)
    {
        byte[] raw;
        using (var file = File.OpenRead(path))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var memory = new MemoryStream())
        {
            gzip.CopyTo(memory);
            raw = memory.ToArray();
        }
        int magic = BinaryPrimitives.ReadInt32BigEndian(raw);
        if (magic != 2051) throw new InvalidDataException($"{path}: not an IDX image file (magic {magic}).");
        int n = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4));
        int rows = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(12));
        if (raw.Length < 16 + (long)n * rows * cols) throw new InvalidDataException($"{path}: truncated.");
        var pixels = raw.AsSpan(16, n * rows * cols).ToArray();
        using var bytes = torch.tensor(pixels, new long[] { n, 1, rows, cols }, ScalarType.Byte);
        return bytes.to(ScalarType.Float32).div_(255.0f);
    }
}
