using System.Diagnostics;
using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;
using static LatentSharp.Bench.BenchArguments;

namespace LatentSharp.Bench;

/// <summary>
/// Predictive Sparse Decomposition (bench/results/psd.md): trains psd, then on held-out samples compares
/// the one-pass encoder's codes with iterative lasso codes for the same atoms: objective ½‖x − zD‖² + λ‖z‖₁
/// per sample and time (median of --repeats). Options: --data fashion-mnist|image-patches:... (default
/// fashion-mnist), --train N (default 20000), --test N (default 2000), --atoms K (128), --lambda (1),
/// --alpha (1), --squashing tanh|shrink|linear, --epochs (5), --batch-size (256), --repeats (5),
/// --dictionary-step, --encoder-lr, --save &lt;prefix&gt; (writes prefix.dict.f32 [K,d] and prefix.test.f32 [n,d]
/// for the scikit-learn peer, bench/psd_peer.py). Threads: BENCH_THREADS (default 2).
/// </summary>
internal static class PsdExperiment
{
    public static int Run(string[] args)
    {
        set_num_threads(int.Parse(Environment.GetEnvironmentVariable("BENCH_THREADS") ?? "2", CultureInfo.InvariantCulture));
        string source = Text(args, "--data", "fashion-mnist");
        long train = (long)Number(args, "--train", 20000), testCount = (long)Number(args, "--test", 2000);
        int repeats = (int)Number(args, "--repeats", 5);
        var options = new PredictiveSparseDecompositionOptions
        {
            Atoms = (int)Number(args, "--atoms", 128),
            Lambda = Number(args, "--lambda", 1),
            Alpha = Number(args, "--alpha", 1),
            Squashing = Enum.Parse<PsdSquashing>(Text(args, "--squashing", "tanh"), ignoreCase: true),
            DictionaryStep = Number(args, "--dictionary-step", new PredictiveSparseDecompositionOptions().DictionaryStep),
            EncoderLearningRate = Number(args, "--encoder-lr", new PredictiveSparseDecompositionOptions().EncoderLearningRate),
        };
        int epochs = (int)Number(args, "--epochs", 5), batch = (int)Number(args, "--batch-size", 256);
        Console.WriteLine($"# psd: data={source} train={train} test={testCount} epochs={epochs} batch={batch} threads={get_num_threads()} {options}");

        using var data = DataSources.Resolve(source);
        using var trainSet = data.Train.Take(train);
        using var testSet = (data.Test ?? throw new InvalidOperationException($"{source} has no test split")).Take(testCount);
        using var model = (PredictiveSparseDecomposition)ModelCatalog.Create("psd", options, trainSet.SampleShape, CPU, seed: 1);
        var clock = Stopwatch.StartNew();
        var result = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = batch, Seed = 1 }).Fit(model, trainSet);
        Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s; last epoch: " +
            string.Join("  ", result.History[^1].Select(kv => $"{kv.Key} {kv.Value:G5}")));

        var x = testSet.Features.reshape(testSet.Count, -1);
        double zeroObjective = x.square().sum(1).mul(0.5).mean().ToDouble();
        Console.WriteLine($"held-out {testSet.Count} samples; objective of all-zero codes (½‖x‖²): {zeroObjective:F4}");
        Console.WriteLine("| codes | time (median) | objective ½‖x − zD‖² + λ‖z‖₁ | vs exact | non-zeros / code | speed-up vs encoder |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var rows = new List<(string Name, double Seconds, double Objective, double NonZeros)>();
        void Measure(string name, Func<Tensor> encode)
        {
            encode().Dispose(); // warm-up
            var times = new List<double>();
            Tensor? codes = null;
            for (int r = 0; r < repeats; r++)
            {
                codes?.Dispose();
                var watch = Stopwatch.StartNew();
                codes = encode();
                times.Add(watch.Elapsed.TotalSeconds);
            }
            times.Sort();
            using (codes)
            {
                using var objective = model.LassoObjective(x, codes!);
                rows.Add((name, times[times.Count / 2], objective.mean().ToDouble(), codes!.ne(0).sum(1).to(ScalarType.Float64).mean().ToDouble()));
            }
        }
        Measure("psd encoder (one pass)", () => model.Encode(x));
        using (var exact = model.CreateCoder(new SparseCoderOptions { Algorithm = SparseCodingAlgorithm.CoordinateDescent, Lambda = options.Lambda, MaxIterations = 1000, Tolerance = 1e-7 }))
            Measure("exact lasso (coordinate descent, tol 1e-7)", () => exact.Encode(x));
        using (var fista = model.CreateCoder(new SparseCoderOptions { Algorithm = SparseCodingAlgorithm.Fista, Lambda = options.Lambda, MaxIterations = 100, Tolerance = 1e-2 }))
            Measure("FISTA ≤ 100 it., tol 1e-2, from 0", () => fista.Encode(x));
        using (var cd = model.CreateCoder(new SparseCoderOptions { Algorithm = SparseCodingAlgorithm.CoordinateDescent, Lambda = options.Lambda, MaxIterations = 50, Tolerance = 1e-2 }))
            Measure("coordinate descent ≤ 50 sweeps, tol 1e-2, from 0", () => cd.Encode(x));
        using (var warm = model.CreateCoder(new SparseCoderOptions { Algorithm = SparseCodingAlgorithm.Fista, Lambda = options.Lambda, MaxIterations = 100, Tolerance = 1e-2 }))
            Measure("FISTA ≤ 100 it., tol 1e-2, from the encoder", () => { using var start = model.Encode(x); return warm.Encode(x, start); });
        // Equal quality: each iterative solver from zero codes, stopped after the fewest iterations (sweeps)
        // whose mean objective is at most the encoder's own; timed at that count (tolerance 0: exactly k).
        double encoderObjective = rows[0].Objective;
        foreach (var algorithm in new[] { SparseCodingAlgorithm.Fista, SparseCodingAlgorithm.CoordinateDescent })
        {
            SparseCoderOptions Stopped(int k) => new() { Algorithm = algorithm, Lambda = options.Lambda, MaxIterations = k, Tolerance = 0 };
            int iterations = 0;
            double reached = double.PositiveInfinity;
            while (reached > encoderObjective && iterations < 1000)
            {
                using var coder = model.CreateCoder(Stopped(++iterations));
                using var codes = coder.Encode(x);
                using var objective = model.LassoObjective(x, codes);
                reached = objective.mean().ToDouble();
            }
            using var matched = model.CreateCoder(Stopped(iterations));
            Measure($"{(algorithm == SparseCodingAlgorithm.Fista ? "FISTA" : "coordinate descent")} from 0, stopped at the encoder's objective ({iterations} {(algorithm == SparseCodingAlgorithm.Fista ? "it." : iterations == 1 ? "sweep" : "sweeps")})", () => matched.Encode(x));
        }
        double exactObjective = rows[1].Objective, encoderSeconds = rows[0].Seconds;
        foreach (var (name, seconds, objective, nonZeros) in rows)
            Console.WriteLine($"| {name} | {seconds * 1000:F1} ms | {objective:F4} | {100 * (objective - exactObjective) / exactObjective:+0.00;-0.00} % | {nonZeros:F1} | {seconds / encoderSeconds:F1}× |");

        if (Text(args, "--save", "") is { Length: > 0 } prefix)
        {
            Write(prefix + ".dict.f32", model.Dictionary);
            Write(prefix + ".test.f32", x);
            Console.WriteLine($"saved {prefix}.dict.f32 [{model.Dictionary.shape[0]}, {model.Dictionary.shape[1]}] and {prefix}.test.f32 [{x.shape[0]}, {x.shape[1]}]; encoder time {encoderSeconds:F6} s; encoder objective {encoderObjective:F6}");
        }
        return 0;
    }

    static void Write(string path, Tensor t)
    {
        var values = t.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }
}
