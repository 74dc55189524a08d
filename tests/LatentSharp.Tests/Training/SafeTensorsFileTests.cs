using LatentSharp.IO;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class SafeTensorsFileTests
{
    static Dictionary<string, Tensor> Sample() => new()
    {
        ["a.weight"] = randn(3, 5, generator: new Generator(3)),
        ["b.count"] = tensor(new long[] { 1, -2, 3 }),
        ["c.bytes"] = tensor(new byte[] { 0, 7, 255 }),
        ["d.double"] = tensor(new[] { Math.PI, -1e300 }),
    };

    [Fact]
    public void Round_trip_is_bit_exact_and_keeps_metadata()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("x.safetensors");
        var tensors = Sample();
        SafeTensorsFile.Write(path, tensors, new Dictionary<string, string> { ["who"] = "me" });
        var (loaded, metadata) = SafeTensorsFile.Read(path);
        Assert.Equal("me", metadata["who"]);
        Assert.Equal(tensors.Keys.OrderBy(k => k), loaded.Keys.OrderBy(k => k));
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.dtype, loaded[name].dtype);
            Assert.Equal(t.shape, loaded[name].shape);
            Assert.Equal(t.bytes.ToArray(), loaded[name].bytes.ToArray());
        }
    }

    [Fact]
    public void Layout_follows_the_safetensors_format()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("x.safetensors");
        SafeTensorsFile.Write(path, Sample(), new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        var header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))!.AsObject();
        var a = header["a.weight"]!.AsObject();
        Assert.Equal("F32", (string)a["dtype"]!);
        Assert.Equal(new long[] { 3, 5 }, a["shape"]!.AsArray().Select(n => (long)n!).ToArray());
        long begin = (long)a["data_offsets"]![0]!, end = (long)a["data_offsets"]![1]!;
        Assert.Equal(60, end - begin);
        float first = BitConverter.ToSingle(bytes, (int)(8 + headerLength + begin));
        Assert.Equal(Sample()["a.weight"][0, 0].item<float>(), first);
    }

    [Fact]
    public void A_flipped_byte_is_refused_as_corrupted()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("x.safetensors");
        SafeTensorsFile.Write(path, Sample(), new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("corrupted", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("x.safetensors");
        SafeTensorsFile.Write(path, Sample(), new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
        Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));
        File.WriteAllBytes(path, bytes[..20]);
        var e = Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Garbage_and_missing_files_are_refused_with_the_path()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("junk.safetensors");
        File.WriteAllText(path, "this is not a tensor file at all, just some text");
        var e = Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(dir.File("absent.safetensors")));
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_file()
    {
        using var dir = TestData.TempDir();
        var path = dir.File("x.safetensors");
        File.WriteAllText(path, "previous");
        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(path, s => { s.WriteByte(1); throw new IOException("disk full"); }));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
