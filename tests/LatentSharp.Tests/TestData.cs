using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Tests;

/// <summary>Small synthetic data with planted structure.</summary>
internal static class TestData
{
    /// <summary>
    /// Images [n, 1, side, side] in [0, 1] that live on a <paramref name="rank"/>-dimensional
    /// subspace (sigmoid of a random linear map of a low-dimensional code): an autoencoder with a
    /// code of that size can learn them well.
    /// </summary>
    public static Dataset LowRankImages(long n, int side = 8, int rank = 3, long seed = 7)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var codes = randn(n, rank, generator: generator);
        var basis = randn(rank, side * side, generator: generator) * 1.5;
        var images = (codes.matmul(basis)).sigmoid().reshape(n, 1, side, side).to(ScalarType.Float32);
        var labels = (codes[.., 0] > 0).to(ScalarType.Int64);
        return new Dataset("low-rank", images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Bit-exact equality of two tensors (shape, dtype and every byte).</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        using var ca = a.detach().cpu().contiguous();
        using var cb = b.detach().cpu().contiguous();
        return ca.dtype == cb.dtype && ca.shape.SequenceEqual(cb.shape) && ca.bytes.SequenceEqual(cb.bytes);
    }

    /// <summary>A fresh temporary directory, deleted by the caller's using.</summary>
    public static TempDirectory TempDir() => new();

    public sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "latentsharp-tests", Guid.NewGuid().ToString("N"));

        public TempDirectory() => Directory.CreateDirectory(Path);

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
