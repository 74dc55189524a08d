using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST
/// (<see href="http://yann.lecun.com/exdb/mnist/"/>), raw or gzip-compressed. Compression is
/// detected from the content (the gzip magic <c>1f 8b</c>), not from the file name.
/// </summary>
/// <remarks>
/// An IDX file is two zero bytes, a type code (<c>0x08</c> ubyte, <c>0x09</c> sbyte, <c>0x0B</c> int16,
/// <c>0x0C</c> int32, <c>0x0D</c> float32, <c>0x0E</c> float64), the number of dimensions (1 to 4),
/// each dimension as a big-endian uint32, then the values, big-endian, row-major. The reader refuses
/// anything else, including a file shorter or longer than its header says, with a
/// <see cref="DataFormatException"/> naming the file.
/// </remarks>
public static class IdxReader
{
    /// <summary>Largest data part this reader accepts (one managed array).</summary>
    const long MaximumDataBytes = 0x7FFF_FFC7; // Array.MaxLength

    /// <summary>Buffer allocated up front when the decompressed size is not known yet.</summary>
    const int InitialGzipBuffer = 64 << 20;

    /// <summary>Reads an IDX file into a tensor of its own element type and shape.</summary>
    /// <param name="path">An IDX file, raw or gzip-compressed.</param>
    /// <returns>
    /// The raw values, shaped as the header says: uint8 for ubyte, int8, int16, int32, float32 or float64.
    /// </returns>
    /// <exception cref="DataFormatException">The file is not a well-formed IDX file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Tensor ReadTensor(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return ReadTensor(stream, path);
    }

    /// <summary>Reads an IDX file from a stream (e.g. an embedded resource), from its current position to its end.</summary>
    /// <param name="stream">The IDX content, raw or gzip-compressed. It is read, not disposed.</param>
    /// <param name="fileName">The name shown in error messages.</param>
    /// <inheritdoc cref="ReadTensor(string)"/>
    public static Tensor ReadTensor(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!stream.CanSeek)
        {
            // Sniffing the gzip magic needs to look ahead, so a non-seekable stream is copied to memory first.
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        var start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        var sniffed = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        if (sniffed == 0)
            throw new DataFormatException(fileName, "the file is empty");
        if (sniffed < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            return Read(stream, fileName, stream.Length - start, compressed: false);
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return Read(gzip, fileName, knownLength: null, compressed: true);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(fileName, $"the gzip data is corrupt or truncated ({e.Message})", e);
        }
    }

    /// <summary>
    /// Reads an MNIST-style pair of IDX files (images and, optionally, labels) as a dataset.
    /// </summary>
    /// <param name="imagesPath">
    /// Images, <c>[N, H, W]</c> (read as <c>[N, 1, H, W]</c>) or <c>[N, C, H, W]</c>. Ubyte values
    /// are scaled to [0, 1] by 1/255; other types are converted to float32 unscaled.
    /// </param>
    /// <param name="labelsPath">Labels, <c>[N]</c>, an integer type, each ≥ 0; or null for none.</param>
    /// <param name="name">The dataset's name, e.g. <c>fashion-mnist/train</c>.</param>
    /// <param name="classNames">Names of the classes, indexed by label; labels must then be below its count.</param>
    /// <returns>Features float32 <c>[N, C, H, W]</c>; labels int64 <c>[N]</c> or null.</returns>
    /// <exception cref="DataFormatException">A file is malformed, or the two files disagree on N.</exception>
    public static Dataset ReadImages(string imagesPath, string? labelsPath, string name, IReadOnlyList<string>? classNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        using var images = ReadTensor(imagesPath);
        using var labels = labelsPath is null ? null : ReadTensor(labelsPath);
        return ToDataset(images, imagesPath, labels, labelsPath, name, classNames);
    }

    /// <summary>Reads an MNIST-style pair of IDX streams (e.g. embedded resources) as a dataset.</summary>
    /// <param name="images">The images content; read, not disposed.</param>
    /// <param name="imagesFileName">The images' name in error messages.</param>
    /// <param name="labels">The labels content, or null; read, not disposed.</param>
    /// <param name="labelsFileName">The labels' name in error messages.</param>
    /// <param name="name">The dataset's name.</param>
    /// <param name="classNames">Names of the classes, indexed by label.</param>
    /// <inheritdoc cref="ReadImages(string, string?, string, IReadOnlyList{string}?)"/>
    public static Dataset ReadImages(Stream images, string imagesFileName, Stream? labels, string? labelsFileName, string name, IReadOnlyList<string>? classNames = null)
    {
        using var imageValues = ReadTensor(images, imagesFileName);
        using var labelValues = labels is null ? null : ReadTensor(labels, labelsFileName ?? imagesFileName + " labels");
        return ToDataset(imageValues, imagesFileName, labelValues, labelsFileName, name, classNames);
    }

    static Dataset ToDataset(Tensor images, string imagesFile, Tensor? labels, string? labelsFile, string name, IReadOnlyList<string>? classNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (images.dim() is not (3 or 4))
            throw new DataFormatException(imagesFile, $"expected images [N, H, W] or [N, C, H, W], but the file holds {Shape(images)}");
        using var scope = NewDisposeScope();
        var features = images.dtype == ScalarType.Byte
            ? images.to_type(ScalarType.Float32).div_(255f)
            : images.to_type(ScalarType.Float32);
        if (images.dim() == 3)
            features = features.unsqueeze(1);
        if (images.is_floating_point() && !features.isfinite().all().item<bool>())
            throw new DataFormatException(imagesFile, "the images contain NaN or infinite values");

        Tensor? labels64 = null;
        if (labels is not null)
        {
            var file = labelsFile ?? "labels";
            if (labels.dim() != 1)
                throw new DataFormatException(file, $"expected labels [N], but the file holds {Shape(labels)}");
            if (labels.is_floating_point())
                throw new DataFormatException(file, $"labels must be integers, but the file holds {labels.dtype}");
            if (labels.shape[0] != images.shape[0])
                throw new DataFormatException(file, $"holds {labels.shape[0]} labels, but {imagesFile} holds {images.shape[0]} images");
            labels64 = labels.to_type(ScalarType.Int64);
            var minimum = labels64.min().item<long>();
            if (minimum < 0)
                throw new DataFormatException(file, $"label {minimum} is negative; labels must be ≥ 0");
            var maximum = labels64.max().item<long>();
            if (classNames is not null && maximum >= classNames.Count)
                throw new DataFormatException(file, $"label {maximum} has no class name; expected labels 0..{classNames.Count - 1}");
        }
        return new Dataset(name, features.MoveToOuterDisposeScope(), labels64?.MoveToOuterDisposeScope(), classNames);
    }

    static Tensor Read(Stream stream, string file, long? knownLength, bool compressed)
    {
        // Header: 0x00 0x00, type code, dimension count, then one big-endian uint32 per dimension.
        Span<byte> prefix = stackalloc byte[4];
        ReadHeader(stream, prefix, file, 0, 4);
        if (prefix[0] != 0 || prefix[1] != 0)
            throw new DataFormatException(file, $"not an IDX file: it starts with 0x{prefix[0]:x2} 0x{prefix[1]:x2}, but IDX files start with two zero bytes");
        var (type, elementSize, typeName) = prefix[2] switch
        {
            0x08 => (ScalarType.Byte, 1, "ubyte"),
            0x09 => (ScalarType.Int8, 1, "sbyte"),
            0x0B => (ScalarType.Int16, 2, "int16"),
            0x0C => (ScalarType.Int32, 4, "int32"),
            0x0D => (ScalarType.Float32, 4, "float32"),
            0x0E => (ScalarType.Float64, 8, "float64"),
            var code => throw new DataFormatException(file,
                $"unknown IDX type code 0x{code:x2}; expected 0x08 (ubyte), 0x09 (sbyte), 0x0b (int16), 0x0c (int32), 0x0d (float32) or 0x0e (float64)"),
        };
        int rank = prefix[3];
        if (rank is < 1 or > 4)
            throw new DataFormatException(file, $"the IDX header declares {rank} dimensions; 1 to 4 are supported");

        Span<byte> dimensionBytes = stackalloc byte[4 * rank];
        ReadHeader(stream, dimensionBytes, file, 4, 4 + 4 * rank);
        var shape = new long[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadUInt32BigEndian(dimensionBytes[(4 * i)..]);
            if (shape[i] == 0)
                throw new DataFormatException(file, $"dimension {i + 1} of {rank} in the IDX header is 0");
            if (shape[i] > int.MaxValue || count * shape[i] * elementSize > MaximumDataBytes)
                throw new DataFormatException(file, $"the IDX header declares {string.Join("×", shape[..(i + 1)])}{(i + 1 < rank ? "×…" : "")} {typeName} values, more than the 2 GB this reader supports; the header is probably corrupt");
            count *= shape[i];
        }
        var expected = count * elementSize;
        var declared = $"header says {string.Join("×", shape)} {typeName} = {expected} bytes of data";

        var headerLength = 4 + 4 * rank;
        if (knownLength is { } length && length - headerLength != expected)
        {
            var held = length - headerLength;
            throw new DataFormatException(file, held > expected
                ? $"{declared} but the file holds {held} ({held - expected} trailing bytes)"
                : $"{declared} but the file holds {held}");
        }

        var data = ReadData(stream, expected, knownLength.HasValue, out var got);
        if (got < expected)
            throw new DataFormatException(file, compressed
                ? $"{declared} but the gzip data decompresses to only {got} (the file is truncated)"
                : $"{declared} but the file holds {got}");
        var trailing = CountRemaining(stream);
        if (trailing > 0)
            throw new DataFormatException(file, $"{declared} but the {(compressed ? "decompressed data" : "file")} holds {expected + trailing} ({trailing} trailing bytes)");
        return ToTensor(data, type, shape);
    }

    static void ReadHeader(Stream stream, Span<byte> buffer, string file, int offset, int end)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new DataFormatException(file, offset + read == 0
                ? "the file is empty"
                : $"the file ends inside the IDX header, after {offset + read} of {end} bytes");
    }

    /// <summary>Reads <paramref name="expected"/> bytes into one array, growing it only for gzip data over 64 MB.</summary>
    static byte[] ReadData(Stream stream, long expected, bool lengthKnown, out long got)
    {
        var capacity = lengthKnown ? expected : Math.Min(expected, InitialGzipBuffer);
        var buffer = GC.AllocateUninitializedArray<byte>((int)capacity);
        got = 0;
        while (got < expected)
        {
            if (got == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(expected, 2L * buffer.Length));
            var read = stream.Read(buffer, (int)got, buffer.Length - (int)got);
            if (read == 0)
                break;
            got += read;
        }
        return buffer;
    }

    static long CountRemaining(Stream stream)
    {
        var scratch = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = stream.Read(scratch, 0, scratch.Length)) > 0)
            total += read;
        return total;
    }

    /// <summary>Converts big-endian values to a tensor in one vectorised pass (none for bytes).</summary>
    static Tensor ToTensor(byte[] data, ScalarType type, long[] shape)
    {
        Array values;
        switch (type)
        {
            case ScalarType.Byte:
                values = data;
                break;
            case ScalarType.Int8:
                var signed = new sbyte[data.Length];
                Buffer.BlockCopy(data, 0, signed, 0, data.Length);
                values = signed;
                break;
            case ScalarType.Int16:
                var shorts = new short[data.Length / 2];
                SwapInto(MemoryMarshal.Cast<byte, short>(data), shorts);
                values = shorts;
                break;
            case ScalarType.Int32:
                var ints = new int[data.Length / 4];
                SwapInto(MemoryMarshal.Cast<byte, int>(data), ints);
                values = ints;
                break;
            case ScalarType.Float32:
                var floats = new float[data.Length / 4];
                SwapInto(MemoryMarshal.Cast<byte, int>(data), MemoryMarshal.Cast<float, int>(floats.AsSpan()));
                values = floats;
                break;
            default:
                var doubles = new double[data.Length / 8];
                SwapInto(MemoryMarshal.Cast<byte, long>(data), MemoryMarshal.Cast<double, long>(doubles.AsSpan()));
                values = doubles;
                break;
        }
        // frombuffer shares the array's memory (kept pinned while the tensor lives): no copy.
        using var flat = frombuffer(values, type);
        return flat.reshape(shape);
    }

    static void SwapInto(ReadOnlySpan<short> source, Span<short> target)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(source, target);
        else source.CopyTo(target);
    }

    static void SwapInto(ReadOnlySpan<int> source, Span<int> target)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(source, target);
        else source.CopyTo(target);
    }

    static void SwapInto(ReadOnlySpan<long> source, Span<long> target)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(source, target);
        else source.CopyTo(target);
    }

    static string Shape(Tensor tensor) => $"{tensor.dtype} [{string.Join(", ", tensor.shape)}]";
}
