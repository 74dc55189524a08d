using System.Buffers.Binary;
using LatentSharp.Data;
using TorchSharp;

namespace LatentSharp.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    readonly TestFiles files = new();

    public void Dispose() => files.Dispose();

    static readonly byte[] TwentyFour = Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray();

    [Theory]
    [InlineData(false, "tiny.idx")]
    [InlineData(true, "tiny.idx")] // gzip detected by content, not by name
    [InlineData(true, "tiny-idx3-ubyte.gz")]
    public void ReadTensor_round_trips_ubyte(bool gzip, string name)
    {
        var content = TestFiles.Idx(0x08, [2, 3, 4], TwentyFour);
        var path = files.Write(name, gzip ? TestFiles.Gzip(content) : content);

        using var tensor = IdxReader.ReadTensor(path);

        Assert.Equal(torch.ScalarType.Byte, tensor.dtype);
        Assert.Equal([2L, 3, 4], tensor.shape);
        Assert.Equal(TwentyFour, tensor.data<byte>().ToArray());
    }

    [Fact]
    public void ReadTensor_round_trips_big_endian_types()
    {
        var shorts = new short[] { -2, 300, short.MaxValue };
        var shortBytes = new byte[6];
        for (var i = 0; i < 3; i++) BinaryPrimitives.WriteInt16BigEndian(shortBytes.AsSpan(2 * i), shorts[i]);
        var ints = new[] { -70000, 1, int.MinValue };
        var intBytes = new byte[12];
        for (var i = 0; i < 3; i++) BinaryPrimitives.WriteInt32BigEndian(intBytes.AsSpan(4 * i), ints[i]);
        var floats = new[] { -1.5f, 0.25f, 3e8f };
        var floatBytes = new byte[12];
        for (var i = 0; i < 3; i++) BinaryPrimitives.WriteSingleBigEndian(floatBytes.AsSpan(4 * i), floats[i]);
        var doubles = new[] { -1e-300, Math.PI, 42.0 };
        var doubleBytes = new byte[24];
        for (var i = 0; i < 3; i++) BinaryPrimitives.WriteDoubleBigEndian(doubleBytes.AsSpan(8 * i), doubles[i]);
        var sbytes = new sbyte[] { -128, -1, 127 };

        using (var t = IdxReader.ReadTensor(files.Write("s.idx", TestFiles.Idx(0x0B, [3], shortBytes))))
            Assert.Equal(shorts, t.data<short>().ToArray());
        using (var t = IdxReader.ReadTensor(files.Write("i.idx", TestFiles.Gzip(TestFiles.Idx(0x0C, [3], intBytes)))))
            Assert.Equal(ints, t.data<int>().ToArray());
        using (var t = IdxReader.ReadTensor(files.Write("f.idx", TestFiles.Idx(0x0D, [1, 3], floatBytes))))
        {
            Assert.Equal([1L, 3], t.shape);
            Assert.Equal(floats, t.data<float>().ToArray());
        }
        using (var t = IdxReader.ReadTensor(files.Write("d.idx", TestFiles.Idx(0x0E, [3], doubleBytes))))
            Assert.Equal(doubles, t.data<double>().ToArray());
        using (var t = IdxReader.ReadTensor(files.Write("b.idx", TestFiles.Idx(0x09, [3], sbytes.Select(b => (byte)b).ToArray()))))
            Assert.Equal(sbytes, t.data<sbyte>().ToArray());
    }

    [Fact]
    public void ReadTensor_reads_a_stream()
    {
        using var stream = new MemoryStream(TestFiles.Gzip(TestFiles.Idx(0x08, [2, 3, 4], TwentyFour)));
        using var tensor = IdxReader.ReadTensor(stream, "resource.gz");
        Assert.Equal(TwentyFour, tensor.data<byte>().ToArray());
    }

    [Fact]
    public void ReadImages_scales_to_unit_range_and_reads_labels()
    {
        var images = files.Write("img.idx", TestFiles.Idx(0x08, [3, 2, 2], [0, 51, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8]));
        var labels = files.Write("lab.idx", TestFiles.Idx(0x08, [3], [2, 0, 9]));

        using var dataset = IdxReader.ReadImages(images, labels, "tiny");

        Assert.Equal("tiny", dataset.Name);
        Assert.Equal([3L, 1, 2, 2], dataset.Features.shape);
        Assert.Equal(torch.ScalarType.Float32, dataset.Features.dtype);
        var values = dataset.Features.data<float>().ToArray();
        Assert.Equal(0f, values[0]);
        Assert.Equal(0.2f, values[1], 6);
        Assert.Equal(1f, values[2]);
        Assert.Equal([2L, 0, 9], dataset.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void ReadImages_without_labels_has_none()
    {
        using var dataset = IdxReader.ReadImages(files.Write("img.idx", TestFiles.Idx(0x08, [2, 3, 4], TwentyFour)), null, "tiny");
        Assert.False(dataset.HasLabels);
        Assert.Equal(2, dataset.Count);
    }

    static DataFormatException Refused(string path) =>
        Assert.Throws<DataFormatException>(() => IdxReader.ReadTensor(path).Dispose());

    [Fact]
    public void Refuses_bad_magic()
    {
        var content = TestFiles.Idx(0x08, [2, 3, 4], TwentyFour);
        content[0] = 0x50;
        var error = Refused(files.Write("bad.idx", content));
        Assert.Contains("bad.idx", error.Message);
        Assert.Contains("not an IDX file", error.Message);
        Assert.Contains("0x50", error.Message);
    }

    [Fact]
    public void Refuses_unknown_type_code()
    {
        var error = Refused(files.Write("type.idx", TestFiles.Idx(0x0A, [2, 3, 4], TwentyFour)));
        Assert.Contains("type.idx", error.Message);
        Assert.Contains("unknown IDX type code 0x0a", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Refuses_bad_dimension_count(int rank)
    {
        var content = TestFiles.Idx(0x08, [2, 3, 4], TwentyFour);
        content[3] = (byte)rank;
        var error = Refused(files.Write("rank.idx", content));
        Assert.Contains($"declares {rank} dimensions; 1 to 4 are supported", error.Message);
    }

    [Fact]
    public void Refuses_zero_dimension()
    {
        var error = Refused(files.Write("zero.idx", TestFiles.Idx(0x08, [2, 0, 4], [])));
        Assert.Contains("dimension 2 of 3 in the IDX header is 0", error.Message);
    }

    [Fact]
    public void Refuses_absurd_dimensions()
    {
        var error = Refused(files.Write("huge.idx", TestFiles.Idx(0x0E, [60000, 60000, 60000], TwentyFour)));
        Assert.Contains("huge.idx", error.Message);
        Assert.Contains("more than the 2 GB", error.Message);
    }

    [Fact]
    public void Refuses_truncated_data()
    {
        var error = Refused(files.Write("short.idx", TestFiles.Idx(0x08, [2, 3, 4], TwentyFour[..20])));
        Assert.Equal("short.idx", Path.GetFileName(error.File));
        Assert.EndsWith("short.idx: header says 2×3×4 ubyte = 24 bytes of data but the file holds 20", error.Message);
    }

    [Fact]
    public void Refuses_truncated_data_in_gzip()
    {
        var error = Refused(files.Write("short.gz", TestFiles.Gzip(TestFiles.Idx(0x08, [2, 3, 4], TwentyFour[..20]))));
        Assert.Contains("header says 2×3×4 ubyte = 24 bytes of data but the gzip data decompresses to only 20", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Refuses_trailing_bytes(bool gzip)
    {
        var content = TestFiles.Idx(0x08, [2, 3, 4], [.. TwentyFour, 1, 2, 3]);
        var error = Refused(files.Write("long.idx", gzip ? TestFiles.Gzip(content) : content));
        Assert.Contains("header says 2×3×4 ubyte = 24 bytes of data but the", error.Message);
        Assert.Contains("holds 27 (3 trailing bytes)", error.Message);
    }

    [Fact]
    public void Refuses_truncated_gzip_file()
    {
        // Enough varied data that the cut lands inside the compressed stream.
        var data = Enumerable.Range(0, 20 * 20 * 20).Select(i => (byte)(i * 7919 % 251)).ToArray();
        var gzip = TestFiles.Gzip(TestFiles.Idx(0x08, [20, 20, 20], data));
        var error = Refused(files.Write("cut.gz", gzip[..(gzip.Length / 2)]));
        Assert.Contains("cut.gz", error.Message);
        Assert.Contains("gzip data", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Refuses_empty_and_header_only_files()
    {
        Assert.EndsWith("empty.idx: the file is empty", Refused(files.Write("empty.idx", [])).Message);
        var error = Refused(files.Write("head.idx", TestFiles.Idx(0x08, [2, 3, 4], [])[..9]));
        Assert.Contains("the file ends inside the IDX header, after 9 of 16 bytes", error.Message);
    }

    [Fact]
    public void ReadImages_refuses_label_count_mismatch()
    {
        var images = files.Write("train-images.idx", TestFiles.Idx(0x08, [2, 3, 4], TwentyFour));
        var labels = files.Write("train-labels.idx", TestFiles.Idx(0x08, [3], [1, 2, 3]));
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images, labels, "x").Dispose());
        Assert.Contains("train-labels.idx: holds 3 labels, but", error.Message);
        Assert.Contains("train-images.idx holds 2 images", error.Message);
    }

    [Fact]
    public void ReadImages_refuses_labels_without_a_class_name()
    {
        var images = files.Write("img.idx", TestFiles.Idx(0x08, [2, 3, 4], TwentyFour));
        var labels = files.Write("lab.idx", TestFiles.Idx(0x08, [2], [1, 2]));
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images, labels, "x", ["a", "b"]).Dispose());
        Assert.Contains("label 2 has no class name", error.Message);
    }

    [Fact]
    public void ReadImages_refuses_images_of_the_wrong_rank()
    {
        var images = files.Write("flat.idx", TestFiles.Idx(0x08, [2, 12], TwentyFour));
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images, null, "x").Dispose());
        Assert.Contains("expected images [N, H, W] or [N, C, H, W]", error.Message);
    }
}
