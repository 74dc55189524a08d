using System.Diagnostics;
using System.Text.Json;
using LatentSharp.Bench;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

// LatentSharp side of bench/run-autoencoders.sh. Subcommands (one JSON object per line on stdout):
//   matmul                       float32 matrix-multiply rate through TorchSharp
//   dense --epochs 3 [--seed 1]  784-512-256-32 autoencoder, batch 128, Adam 1e-3, BCE
//   conv  --epochs 2 [--seed 1]  convolutional autoencoder 32,64 channels
//   sparse-coding ...            dictionary learning / sparse encoding (bench/sparse-coding.sh)
//   profile dense|conv           per-phase time of one training step (forward, backward, Adam), and per layer
//   kmeans [runs threads mode]   k-means fit times and scores (bench/kmeans.sh)
//   som --mode batch|online ...  self-organising map times, QE and TE (bench/som.sh; --profile 1 for a breakdown)
//   psd ...                      PSD encoder vs iterative codes (bench/psd.sh)
//   contractive-sparse [part]    sparse and contractive autoencoders (bench/results/contractive-sparse.md)
//   code-mmd --run DIR --prior S MMD² between a run's test codes and prior samples (bench/results/aae.md)
// Options: --threads 2 (torch.set_num_threads), --limit N (first N training images), --matmul (dense: also measure matmul rate)

const string Data = "/usr/share/datasets/fashion-mnist";
var argv = args.ToList();
string command = argv.Count > 0 ? argv[0] : "help";
int Int(string name, int fallback) => BenchArguments.Integer(argv, name, fallback);
bool Flag(string name) => BenchArguments.Flag(argv, name);
int threads = Int("--threads", 2);
torch.set_num_threads(threads);
var json = new JsonSerializerOptions { WriteIndented = false };
void Emit(object o) { Console.WriteLine(JsonSerializer.Serialize(o, json)); Console.Out.Flush(); }

switch (command)
{
    case "matmul":
        Emit(MatmulRate.Measure());
        break;
    case "dense":
    case "conv":
        Train(command, Int("--epochs", command == "dense" ? 3 : 2), Int("--seed", 1), Int("--limit", 0));
        break;
    case "experiments":
        Experiments.Run(Int("--steps", 10), Emit);
        break;
    case "cpuprofile":
        CpuProfile.Run(argv.Count > 1 ? argv[1] : "conv", Int("--steps", 30), Emit);
        break;
    case "stepvariants":
        if (Flag("--adam-only")) StepVariants.AdamOnly(Emit, Flag("--flat")); else StepVariants.Run(Int("--blocks", 15), Emit);
        break;
    case "layercpu":
        LayerCpu.Run(Int("--steps", 20), Emit);
        break;
    case "sparse-coding":
        LatentSharp.Bench.SparseCodingBench.Run(args[1..]);
        break;
    case "profile":
        Profile.Run(argv.Count > 1 ? argv[1] : "conv", Int("--steps", 20), Int("--seed", 1), Emit);
        break;
    case "kmeans":
        return KMeansBench.Run(args[1..]);
    case "som":
        return SomBenchmark.Run(args[1..]);
    case "psd":
        return PsdExperiment.Run(args[1..]);
    case "contractive-sparse":
        return ContractiveSparseExperiment.Run(args[1..]);
    case "code-mmd":
        return CodeMmd.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: LatentSharp.Bench matmul | dense --epochs 3 | conv --epochs 2 | profile dense|conv | kmeans | som | psd | contractive-sparse [--threads 2] [--seed 1] [--limit N]");
        return 2;
}
return 0;

void Train(string which, int epochs, int seed, int limit)
{
    var trainImages = IdxImages.Read(Path.Combine(Data, "train-images-idx3-ubyte.gz"));
    if (limit > 0) trainImages = trainImages.narrow(0, 0, limit).clone();
    using var train = new Dataset("fashion-mnist/train", trainImages);
    using var test = new Dataset("fashion-mnist/test", IdxImages.Read(Path.Combine(Data, "t10k-images-idx3-ubyte.gz")));
    string name = which == "dense" ? "autoencoder" : "conv-autoencoder";
    using var model = (ITrainable)ModelCatalog.Create(name, null, [1, 28, 28], CPU, seed);
    long linearParams = 0, allParams = 0;
    foreach (var (n, t) in model.State)
    {
        allParams += t.numel();
        if (which == "dense") linearParams += t.numel();
    }
    var cpu = new CpuTimes();
    var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 128, Seed = seed }, runDirectory: null, progress: cpu);
    cpu.Start();
    var result = trainer.Fit(model, train, test, "test");
    var seconds = new List<double>();
    foreach (var m in result.History)
    {
        seconds.Add(m["seconds"]);
        Emit(new Dictionary<string, object> {
            ["side"] = "latentsharp", ["model"] = which, ["event"] = "epoch", ["epoch"] = (int)m["epoch"],
            ["seconds"] = m["seconds"], ["cpu_seconds"] = cpu.EpochSeconds[(int)m["epoch"] - 1], ["train_loss"] = m["train.loss"], ["test_loss"] = m["test.loss"] });
    }
    var summary = new Dictionary<string, object> {
        ["side"] = "latentsharp", ["model"] = which, ["event"] = "summary", ["epochs"] = epochs,
        ["median_seconds"] = Median(seconds), ["median_cpu_seconds"] = Median(cpu.EpochSeconds), ["seconds"] = seconds, ["test_loss"] = result.History[^1]["test.loss"],
        ["threads"] = torch.get_num_threads(), ["torchsharp"] = typeof(torch).Assembly.GetName().Version!.ToString(),
        ["params"] = allParams, ["samples"] = train.Count };
    if (which == "dense")
    {
        // 6 · (linear-layer parameters) · samples: 2 for the forward multiply-adds, 4 for the two backward products.
        double flops = 6.0 * linearParams * train.Count;
        summary["epoch_gflop"] = flops / 1e9;
        summary["achieved_gflops"] = flops / 1e9 / Median(seconds);
        if (Flag("--matmul"))
        {
            var rate = MatmulRate.Measure();
            summary["matmul"] = rate;
            summary["fraction_of_matmul"] = flops / 1e9 / Median(seconds) / rate.ReferenceGflops;
        }
    }
    Emit(summary);
}

static double Median(IEnumerable<double> values)
{
    var s = values.OrderBy(v => v).ToArray();
    return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}
