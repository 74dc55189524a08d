using System.Buffers.Binary;
using System.IO.Compression;

namespace LatentSharp.Tests.Data;

/// <summary>Writes tiny IDX and CSV files into a temporary directory deleted on dispose.</summary>
sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "latentsharp-data-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>An IDX file: header for <paramref name="typeCode"/> and <paramref name="dims"/>, then <paramref name="data"/> as given.</summary>
    public static byte[] Idx(byte typeCode, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), (uint)dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            gzip.Write(content);
        return output.ToArray();
    }

    public string Write(string name, byte[] content)
    {
        var path = PathOf(name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteText(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Ubyte images [n, h, w] with pixel i = i mod 256, gzipped.</summary>
    public static byte[] Images(int n, int h, int w) =>
        Gzip(Idx(0x08, [n, h, w], Enumerable.Range(0, n * h * w).Select(i => (byte)(i % 256)).ToArray()));

    /// <summary>Ubyte labels [n] with label i = i mod 10, gzipped.</summary>
    public static byte[] Labels(int n) =>
        Gzip(Idx(0x08, [n], Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray()));

    /// <summary>The four MNIST-style files under <paramref name="subdirectory"/> (relative to this directory).</summary>
    public string WriteMnistDirectory(string subdirectory, int train, int test)
    {
        Write(Path.Combine(subdirectory, "train-images-idx3-ubyte.gz"), Images(train, 4, 3));
        Write(Path.Combine(subdirectory, "train-labels-idx1-ubyte.gz"), Labels(train));
        Write(Path.Combine(subdirectory, "t10k-images-idx3-ubyte.gz"), Images(test, 4, 3));
        Write(Path.Combine(subdirectory, "t10k-labels-idx1-ubyte.gz"), Labels(test));
        return Path.Combine(Directory, subdirectory);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
