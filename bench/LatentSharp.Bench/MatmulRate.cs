using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>Median float32 matrix-multiply rate (GFLOP/s, 2·m·k·n per product) through TorchSharp.</summary>
static class MatmulRate
{
    public sealed record Result(Dictionary<string, double> Gflops, double ReferenceGflops, string Reference);

    public static Result Measure(int repeats = 15)
    {
        var shapes = new (long M, long K, long N)[] { (128, 784, 512), (128, 512, 256), (1024, 1024, 1024), (2048, 2048, 2048) };
        var rates = new Dictionary<string, double>();
        foreach (var (m, k, n) in shapes)
        {
            using var scope = NewDisposeScope();
            var a = randn(m, k);
            var b = randn(k, n);
            int reps = m * k * n > 1_000_000_000 ? Math.Max(5, repeats / 3) : repeats;
            // Products batched per timing so a sample lasts ≥ ~5 ms.
            int inner = (int)Math.Max(1, 5e-3 * 100e9 / (2.0 * m * k * n));
            for (int i = 0; i < 3; i++) a.mm(b).Dispose();
            var samples = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < inner; i++) a.mm(b).Dispose();
                samples.Add(2.0 * m * k * n * inner / clock.Elapsed.TotalSeconds / 1e9);
            }
            samples.Sort();
            rates[$"{m}x{k}@{k}x{n}"] = samples[samples.Count / 2];
        }
        // Reference: the best of the medians (the machine's attainable float32 GEMM rate through TorchSharp).
        var best = rates.MaxBy(kv => kv.Value);
        return new Result(rates, best.Value, best.Key);
    }
}
