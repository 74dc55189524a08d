using System.Diagnostics;
using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Measurements for bench/results/sparse-coding.md (driven by bench/sparse-coding.sh):
/// <c>sparse-coding train OUT.f32 [runs]</c> trains dictionary learning on the first 20k Fashion-MNIST
/// training images (128 atoms, λ = 1, batch 256, 5 epochs) and writes the atoms as raw float32 [128, 784];
/// <c>sparse-coding encode DICT.f32 [runs]</c> encodes the first 2,000 test images against a fixed dictionary;
/// <c>sparse-coding psd [runs]</c> trains PSD and compares its encoder with iterative inference.
/// </summary>
internal static class SparseCodingBench
{
    const int Atoms = 128, TrainImages = 20_000, TestImages = 2_000;
    const double Lambda = 1.0;

    public static void Run(string[] args)
    {
        torch.set_num_threads(int.Parse(Environment.GetEnvironmentVariable("BENCH_THREADS") ?? "2", CultureInfo.InvariantCulture));
        switch (args.FirstOrDefault())
        {
            case "train": Train(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, args.Length > 3 ? Enum.Parse<SparseCodingAlgorithm>(args[3], true) : SparseCodingAlgorithm.Fista); break;
            case "encode": Encode(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5); break;
            default: throw new ArgumentException("usage: sparse-coding train OUT.f32 [runs] [algorithm] | encode DICT.f32 [runs]");
        }
    }

    static Tensor Flat(Dataset data, long count) => data.Features.narrow(0, 0, count).reshape(count, -1).contiguous();

    static void Train(string output, int runs, SparseCodingAlgorithm algorithm)
    {
        using var split = DataSources.Resolve("fashion-mnist");
        using var train = new Dataset("fashion-mnist/train-20k", Flat(split.Train, TrainImages));
        var seconds = new List<double>();
        // Warm-up, untimed (JIT, libtorch's first calls), as on scikit-learn's side: 2,000 images, 1 epoch.
        using (var warmData = new Dataset("warm-up", Flat(split.Train, 2000)))
        using (var warmModel = (DictionaryLearning)ModelCatalog.Create("dictionary-learning", new DictionaryLearningOptions { Atoms = Atoms, Lambda = Lambda, Algorithm = algorithm }, [784], CPU, 1))
            new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 256, Seed = 999 }).Fit(warmModel, warmData);
        for (int run = 0; run < runs; run++)
        {
            // FISTA as first measured (≤ 50 iterations, tol 1e-2); coordinate descent with the model's defaults unless BENCH_TOL is set.
            var options = algorithm == SparseCodingAlgorithm.Fista
                ? new DictionaryLearningOptions { Atoms = Atoms, Lambda = Lambda, Algorithm = algorithm, MaxIterations = 50, Tolerance = 1e-2 }
                : new DictionaryLearningOptions { Atoms = Atoms, Lambda = Lambda, Algorithm = algorithm };
            if (Environment.GetEnvironmentVariable("BENCH_TOL") is { } tol) options = options with { Tolerance = double.Parse(tol, CultureInfo.InvariantCulture) };
            using var model = (DictionaryLearning)ModelCatalog.Create("dictionary-learning", options, [784], CPU, 1);
            var clock = Stopwatch.StartNew();
            var result = new Trainer(new TrainerOptions { Epochs = int.Parse(Environment.GetEnvironmentVariable("BENCH_EPOCHS") ?? "5", CultureInfo.InvariantCulture), BatchSize = 256, Seed = 1 }).Fit(model, train);
            seconds.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"ours train run {run + 1}: {seconds[^1]:F2} s, last-epoch train loss {result.History[^1]["train.loss"]:F4}, nonzeros {result.History[^1]["train.nonzeros"]:F2}");
            if (run == 0) WriteRaw(output, model.Dictionary);
        }
        Console.WriteLine($"ours train median: {Median(seconds):F2} s ({algorithm}, max {(algorithm == SparseCodingAlgorithm.Fista ? 50 : new DictionaryLearningOptions().MaxIterations)}, tol {Environment.GetEnvironmentVariable("BENCH_TOL") ?? (algorithm == SparseCodingAlgorithm.Fista ? "0.01" : new DictionaryLearningOptions().Tolerance.ToString(CultureInfo.InvariantCulture))})");
    }

    static void Encode(string dictionaryPath, int runs)
    {
        using var split = DataSources.Resolve("fashion-mnist");
        using var x = Flat(split.Test!, TestImages);
        using var dictionary = ReadRaw(dictionaryPath, Atoms);
        using var exactCoder = new SparseCoder(dictionary, new SparseCoderOptions { Lambda = Lambda, Algorithm = SparseCodingAlgorithm.CoordinateDescent, MaxIterations = 2000, Tolerance = 1e-7 });
        double exact;
        using (var codes = exactCoder.Encode(x.to(ScalarType.Float64)))
            exact = exactCoder.Objective(x.to(ScalarType.Float64), codes).mean().ToDouble();
        Console.WriteLine($"ours exact (CD, tol 1e-7, float64) objective: {exact:F4}");
        // Where the time goes: the correlations XDᵀ alone (the rest of an encode is the solver).
        var products = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var c = x.mm(dictionary.t());
            products.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"ours correlations XD^T [2000x784]x[784x128]: median {Median(products):F3} s");
        foreach (var (algorithm, iterations, tolerance) in new[] { (SparseCodingAlgorithm.CoordinateDescent, 1000, 1e-4), (SparseCodingAlgorithm.CoordinateDescent, 1000, 1e-3), (SparseCodingAlgorithm.CoordinateDescent, 1000, 1e-2), (SparseCodingAlgorithm.Fista, 100, 1e-2) })
        {
            using var coder = new SparseCoder(dictionary, new SparseCoderOptions { Lambda = Lambda, Algorithm = algorithm, MaxIterations = iterations, Tolerance = tolerance });
            var seconds = new List<double>();
            double objective = 0, nonZeros = 0;
            for (int run = 0; run < runs; run++)
            {
                using var scope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                var codes = coder.Encode(x);
                seconds.Add(clock.Elapsed.TotalSeconds);
                objective = coder.Objective(x, codes).mean().ToDouble();
                nonZeros = codes.ne(0).sum(1).to(ScalarType.Float64).mean().ToDouble();
            }
            Console.WriteLine($"ours encode {algorithm} (max {iterations}, tol {tolerance}): median {Median(seconds):F3} s, objective {objective:F4} ({100 * (objective - exact) / exact:+0.000;-0.000}% vs exact), nonzeros {nonZeros:F2}");
        }
    }

    static double Median(List<double> values) { var s = values.Order().ToList(); return s[s.Count / 2]; }

    static void WriteRaw(string path, Tensor t)
    {
        using var c = t.detach().cpu().to(ScalarType.Float32).contiguous();
        File.WriteAllBytes(path, c.bytes.ToArray());
    }

    static Tensor ReadRaw(string path, long rows)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return tensor(values).reshape(rows, -1);
    }
}
