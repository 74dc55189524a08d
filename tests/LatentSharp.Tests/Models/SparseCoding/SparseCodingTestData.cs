using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.SparseCoding;

/// <summary>Data made from a known dictionary with a few non-zeros per sample.</summary>
internal static class SparseCodingTestData
{
    /// <summary>Unit-norm atoms [atoms, features], codes [n, atoms] with exactly <paramref name="nonZeros"/> entries of magnitude in [1, 2], and samples = codes·atoms (+ noise).</summary>
    public static (Tensor Dictionary, Tensor Codes, Tensor Samples) Planted(long n, int features, int atoms, int nonZeros, double noise = 0, long seed = 3, ScalarType dtype = ScalarType.Float32)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var dictionary = randn(atoms, features, generator: generator, dtype: ScalarType.Float64);
        dictionary /= dictionary.norm(1, keepdim: true);
        var support = rand(n, atoms, generator: generator, dtype: ScalarType.Float64).argsort(1).narrow(1, 0, nonZeros);
        var magnitudes = rand(n, nonZeros, generator: generator, dtype: ScalarType.Float64).add_(1);
        var signs = randint(2, [n, nonZeros], generator: generator, dtype: ScalarType.Float64).mul_(2).sub_(1);
        var codes = zeros(n, atoms, dtype: ScalarType.Float64).scatter_(1, support, magnitudes * signs);
        var samples = codes.mm(dictionary) + randn(n, features, generator: generator, dtype: ScalarType.Float64) * noise;
        return (dictionary.to(dtype).MoveToOuterDisposeScope(), codes.to(dtype).MoveToOuterDisposeScope(), samples.to(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Mean over the true atoms of the best |cos| with a learned atom, each learned atom used once (greedy matching on |cos|).</summary>
    public static double MatchedAbsCosine(Tensor truth, Tensor learned)
    {
        using var scope = NewDisposeScope();
        var a = truth.to(ScalarType.Float64); a = a / a.norm(1, keepdim: true).clamp_min(1e-12);
        var b = learned.to(ScalarType.Float64); b = b / b.norm(1, keepdim: true).clamp_min(1e-12);
        var cos = a.mm(b.t()).abs();
        long k = cos.shape[0];
        double total = 0;
        for (long i = 0; i < k; i++)
        {
            var flat = cos.argmax().item<long>();
            long row = flat / cos.shape[1], column = flat % cos.shape[1];
            total += cos[row, column].item<double>();
            cos.select(0, row).fill_(-1);
            cos.select(1, column).fill_(-1);
        }
        return total / k;
    }
}
