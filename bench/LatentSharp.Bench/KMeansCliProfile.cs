using System.Diagnostics;
using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Where the time of `latent train kmeans` goes, per epoch (one Lloyd iteration), by subtraction:
/// the Trainer with no validation and no run folder (the iteration plus reading the batches), then
/// with the test split evaluated each epoch, then with a run folder (metrics, model, checkpoint);
/// beside it reading the epoch's batches alone and KMeans.Fit's iterations. Fashion-MNIST 60k, k = 10,
/// batch 1024, tolerance 0 so every variant runs exactly the same number of iterations.
/// Usage: kmeans-cli-profile [epochs=8] [repeats=2]; prints one tab-separated line per measurement.
/// </summary>
static class KMeansCliProfile
{
    public static int Run(string[] args)
    {
        int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var self = Process.GetCurrentProcess();
        (double Wall, double Cpu) Time(Action action)
        {
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            self.Refresh();
            return (clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu0).TotalSeconds);
        }
        void Print(string what, (double Wall, double Cpu) t, int per) =>
            Console.WriteLine(FormattableString.Invariant($"{what}\t{t.Wall / per:F4}\t{t.Cpu / per:F4}\ts/epoch wall, cpu"));

        DataSplit? split = null;
        Print("load fashion-mnist (once)", Time(() => split = DataSources.Resolve("fashion-mnist")), 1);
        using var data = split!;
        var train = data.Train;
        var test = data.Test!;
        var options = new KMeansOptions { Clusters = 10, Tolerance = 0 };
        KMeans Fresh() => (KMeans)ModelCatalog.Create("kmeans", options, train.SampleShape, CPU, seed: 1);
        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            Print("read the epoch's batches only", Time(() =>
            {
                for (int e = 0; e < epochs; e++)
                {
                    using var order = randperm(train.Count);
                    foreach (var (start, length) in BatchRanges.Of(train.Count, 1024))
                    {
                        using var scope = NewDisposeScope();
                        train.ReadBatch(order.narrow(0, start, length), CPU);
                    }
                }
            }), epochs);
            using (var model = Fresh())
            {
                var fitOptions = options with { MaxIterations = epochs };
                using var fitModel = (KMeans)ModelCatalog.Create("kmeans", fitOptions, train.SampleShape, CPU, seed: 1);
                using var x = train.Features.reshape(train.Count, -1).contiguous();
                Print("KMeans.Fit (seeding + iterations)", Time(() => fitModel.Fit(x, seed: 1)), epochs);
            }
            foreach (var (name, withTest, withFolder) in new[] { ("trainer: iteration", false, false), ("trainer: + test evaluation", true, false), ("trainer: + run folder", true, true) })
            {
                using var model = Fresh();
                string? folder = withFolder ? Directory.CreateTempSubdirectory("kmeans-profile-").FullName : null;
                var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 1024, Seed = 1 }, folder);
                Print(name + " (seeding included)", Time(() => trainer.Fit(model, train, withTest ? test : null, "test")), epochs);
                if (folder is not null) Directory.Delete(folder, recursive: true);
            }
        }
        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
