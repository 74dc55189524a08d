using System.Diagnostics;
using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// SOM measurement: trains LatentSharp's SelfOrganizingMap on the first N Fashion-MNIST training
/// images (flattened, [0, 1]) and prints one JSON line per run: seconds of Trainer.Fit (init +
/// training), quantisation error and topographic error on those N images. One untimed warm-up run first.
/// Usage: LatentSharp.Bench som --mode online|batch [--n 10000] [--epochs 20] [--rows 10] [--columns 10]
///        [--topology rectangular] [--kernel bubble] [--radius-start 0] [--batch-size B] [--runs 3] [--seed 1]
///        [--threads 2] [--out runs/som-bench]   (--out: also write the run folder of the last run for pictures)
/// </summary>
static class SomBenchmark
{
    public static int Run(string[] args)
    {
        string Get(string key, string fallback) => BenchArguments.Text(args, "--" + key, fallback);
        int GetInt(string key, int fallback) => BenchArguments.Integer(args, "--" + key, fallback);

        var mode = Enum.Parse<SomMode>(Get("mode", "batch"), ignoreCase: true);
        int n = GetInt("n", 10000), epochs = GetInt("epochs", 20), runs = GetInt("runs", 3);
        set_num_threads(GetInt("threads", 2));
        var somOptions = new SelfOrganizingMapOptions
        {
            Rows = GetInt("rows", 10), Columns = GetInt("columns", 10),
            Topology = Enum.Parse<SomTopology>(Get("topology", "rectangular"), ignoreCase: true),
            Kernel = Enum.Parse<SomKernel>(Get("kernel", "bubble").Replace("-", ""), ignoreCase: true),
            Mode = mode,
            RadiusStart = double.Parse(Get("radius-start", "0"), CultureInfo.InvariantCulture),
            RadiusEnd = double.Parse(Get("radius-end", "0"), CultureInfo.InvariantCulture),
            LearningRateStart = 0.05, LearningRateEnd = 0.01,
        };
        int batchSize = GetInt("batch-size", mode == SomMode.Batch ? n : 100);

        using var split = DataSources.Resolve(Get("data", "fashion-mnist"));
        using var data = split.Train.Take(n);
        if (BenchArguments.Flag(args, "--profile"))
        {
            using var probe = (SelfOrganizingMap)ModelCatalog.Create("som", somOptions, data.SampleShape, CPU, seed: 1);
            SomProfile.Run(data, probe, epochs);
            return 0;
        }
        // Warm-up, untimed: JIT and libtorch's first-call costs (kohonen's C code has none to pay).
        using (var warmUp = (SelfOrganizingMap)ModelCatalog.Create("som", somOptions, data.SampleShape, CPU, seed: 1))
            new Trainer(new TrainerOptions { Epochs = 1, BatchSize = batchSize, Seed = 999 }).Fit(warmUp, data);
        // Timed: Trainer.Fit alone, in memory (no run folder: checkpoints and metrics files are not part of the
        // algorithm's cost). The last run's map is saved afterwards, untimed, with its pictures (--out).
        for (int run = 0; run < runs; run++)
        {
            using var model = (SelfOrganizingMap)ModelCatalog.Create("som", somOptions, data.SampleShape, CPU, seed: 1);
            var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = batchSize, Seed = GetInt("seed", 1) + run });
            // --init: start from given prototypes (kohonen's, bench/som/kohonen.R), so only the algorithms differ.
            using var start = Get("init", "") is { Length: > 0 } initPath ? ReadRaw(initPath, model.Prototypes.shape) : null;
            ITrainable trained = start is null ? model : new SomGivenStart(model, start);
            var clock = Stopwatch.StartNew();
            trainer.Fit(trained, data);
            double seconds = clock.Elapsed.TotalSeconds;
            var (qe, te) = model.Errors(data.Features);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"impl\":\"latentsharp\",\"mode\":\"{mode.ToString().ToLowerInvariant()}\",\"seed\":{GetInt("seed", 1) + run},\"seconds\":{seconds:0.###},\"qe\":{qe:0.####},\"te\":{te:0.####},\"radius_start\":{model.RadiusStart:0.###},\"batch_size\":{batchSize}}}"));
            if (Get("save-final", "") is { Length: > 0 } finalPath)
                File.WriteAllBytes(finalPath, model.Prototypes.contiguous().bytes.ToArray());
            if (run == runs - 1 && Get("out", "") is { Length: > 0 } runDirectory)
            {
                Directory.CreateDirectory(runDirectory);
                LatentSharp.Models.ModelFile.Save(model, Path.Combine(runDirectory, Trainer.ModelFileName));
                LatentSharp.Visualization.SomPictures.SaveAll(model, data, runDirectory);
            }
        }
        return 0;
    }

    static Tensor ReadRaw(string path, long[] shape)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return tensor(values, shape);
    }
}
