using System.Diagnostics;
using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Times KMeans.Fit on the 60k Fashion-MNIST training images (flattened to 784, in [0, 1]),
/// k-means++ seeding and Lloyd, one restart, data already in memory. One line per run:
/// seed, seconds, iterations, inertia per sample, total inertia, ARI and NMI against the labels.
/// Arguments (positional, for bench/kmeans.sh): runs (5), threads (2), lloyd|lloyd-plain|minibatch, chunk size.
/// </summary>
static class KMeansBench
{
    public static int Run(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        string algorithm = args.Length > 2 ? args[2] : "lloyd";
        int chunk = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : new KMeansOptions().ChunkSize;
        set_num_threads(threads);
        using var split = DataSources.Resolve("fashion-mnist");
        using var x = split.Train.Features.reshape(split.Train.Count, -1).contiguous();
        var truth = split.Train.Labels!.data<long>().ToArray();
        var options = new KMeansOptions
        {
            Clusters = 10, Restarts = 1, ChunkSize = chunk,
            Algorithm = algorithm == "minibatch" ? KMeansAlgorithm.MiniBatch : KMeansAlgorithm.Lloyd,
            Bounds = algorithm != "lloyd-plain",   // lloyd-plain: every sample measured every iteration
        };
        if (Environment.GetEnvironmentVariable("KMEANS_PROFILE") is not null)
        {
            // Seconds per Lloyd iteration: Fit with 1 and with 6 iterations (tolerance 0), difference / 5.
            for (int rep = 0; rep < 2; rep++)
            {
                void Time(string what, Action action)
                {
                    var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                    action();
                    Console.WriteLine($"{what}: {(Process.GetCurrentProcess().TotalProcessorTime - c0).TotalSeconds:F3} s cpu");
                }
                Time("xsq", () => { using var t = x.square().sum(1); });
                Time("var64", () => { using var t = x.to(ScalarType.Float64).var(0, unbiased: false).mean(); });
                Time("var32", () => { using var t = x.var(0, unbiased: false).mean(); });
                using var cands = x.narrow(0, 100, 4).clone();
                using var xs = x.square().sum(1);
                Time("addmm x4", () => { using var t = addmm(cands.square().sum(1).unsqueeze(0), x, cands.t(), beta: 1, alpha: -2); });
                Time("addmm x4 contiguous", () => { using var ct = cands.t().contiguous(); using var t = addmm(cands.square().sum(1).unsqueeze(0), x, ct, beta: 1, alpha: -2); });
                Time("mm x4", () => { using var t = x.mm(cands.t()); });
                Time("matmul cands x^T", () => { using var t = cands.mm(x.t()); });
                using var c10 = x.narrow(0, 100, 10).clone();
                Time("mm x10", () => { using var t = x.mm(c10.t()); });
                Time("mm x10 as 2048 chunks", () => { for (long s0 = 0; s0 < 60000; s0 += 2048) { using var t = x.narrow(0, s0, Math.Min(2048, 60000 - s0)).mm(c10.t()); } });
                Time("cumsum", () => { using var d = xs.to(ScalarType.Float64); using var t = d.cumsum(0L); });
            }
            foreach (var iterations in new[] { 1, 6, 1, 6 })
            {
                using var probe = (KMeans)ModelCatalog.Create("kmeans", options with { MaxIterations = iterations, Tolerance = 0 }, [784], CPU, seed: 0);
                var watch = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                probe.Fit(x, seed: 3);
                Console.WriteLine($"chunk {chunk} iterations {iterations}: {watch.Elapsed.TotalSeconds:F3} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3} s cpu");
            }
            return 0;
        }
        using var model = (KMeans)ModelCatalog.Create("kmeans", options, [784], CPU, seed: 0);
        model.Fit(x, seed: 1000);  // warm-up (first-call costs of libtorch)
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("impl\tseed\tseconds\titerations\tinertia_per_sample\tinertia\tari\tnmi");
        for (int seed = 0; seed < runs; seed++)
        {
            var clock = Stopwatch.StartNew();
            var result = model.Fit(x, seed);
            double seconds = clock.Elapsed.TotalSeconds;
            using var labels = model.Predict(x);
            var assigned = labels.data<long>().ToArray();
            Console.WriteLine(string.Join('\t', $"latentsharp-{algorithm}", seed, seconds.ToString("F3", inv), result.Iterations,
                result.MeanSquaredDistance.ToString("F4", inv), result.Inertia.ToString("F1", inv),
                ClusteringScores.AdjustedRandIndex(truth, assigned).ToString("F4", inv),
                ClusteringScores.NormalizedMutualInformation(truth, assigned).ToString("F4", inv)));
        }
        return 0;
    }
}
