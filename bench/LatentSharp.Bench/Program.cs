using System.Diagnostics;
using System.Text.Json;
using LatentSharp.Bench;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

// LatentSharp side of bench/run-autoencoders.sh. Subcommands (one JSON object per line on stdout):
//   matmul                       float32 matrix-multiply rate through TorchSharp
//   dense --epochs 3 [--seed 1]  784-512-256-32 autoencoder, batch 128, Adam 1e-3, BCE
//   conv  --epochs 2 [--seed 1]  convolutional autoencoder 32,64 channels
//   dcgan --epochs 2 [--seed 1] [--column-convolutions true|false]  the catalogue's dcgan, batch 128 (bench/dcgan.sh); evaluated on the first 1,000 test images
//   sparse-coding ...            dictionary learning / sparse encoding (bench/sparse-coding.sh)
//   dcgan-convolutions [--steps 200]  the dcgan's glitch workarounds against native convolutions: CPU per step, non-finite steps
//   profile dense|conv           per-phase time of one training step (forward, backward, Adam), and per layer
//   kmeans [runs threads mode]   k-means fit times and scores (bench/kmeans.sh)
//   kmeans-cli-profile [epochs]  where `latent train kmeans` spends an epoch (iteration, evaluation, run folder)
//   som --mode batch|online ...  self-organising map times, QE and TE (bench/som.sh; --profile 1 for a breakdown)
//   psd ...                      PSD encoder vs iterative codes (bench/psd.sh)
//   contractive-sparse [part]    sparse and contractive autoencoders (bench/results/contractive-sparse.md)
//   sample-quality-floor         parzen/frechet/classes of real held-out training images vs the test split (bench/results/sample-quality.md)
//   vae --epochs 5 [--seed 1]    the VAE against its PyTorch twin (bench/vae.sh): epoch times, test ELBO, timed IWAE-1000
//   code-mmd --run DIR --prior S MMD² between a run's test codes and prior samples (bench/results/aae.md)
//   native-convolution-check [--repeats 3] [--shapes quick|full|dcgan|conv-autoencoder|odd] [--setenv-at before-torch-load|before-first-convolution|after-first-convolution]
//                                libtorch's strided conv2d / conv_transpose2d (and gradients) against unfold/fold, over shapes; the oneDNN ISA limit's effect
//   stored-sample-quality --samples F.safetensors [--estimators "frechet;classes;mmd"] [--png P]  estimators on stored samples (ours or a twin's)
//   aae-styles --run DIR [--out PNG]  class in the codes (probe, 5-NN); supervised-aae: class control and the styles picture
//   label-conditioned-planted [--seeds 1,2,3] [--epochs 60] [--options JSON] [--trace N]  the aae's label-conditioned prior on planted classes: share of codes on their component
// Options: --threads 2 (torch.set_num_threads), --limit N (first N training images), --matmul (dense: also measure matmul rate)

const string Data = "/usr/share/datasets/fashion-mnist";
var argv = args.ToList();
string command = argv.Count > 0 ? argv[0] : "help";
int Int(string name, int fallback) => BenchArguments.Integer(argv, name, fallback);
bool Flag(string name) => BenchArguments.Flag(argv, name);
string Option(string name, string fallback) => BenchArguments.Text(argv, name, fallback);
// native-convolution-check's earliest point: before the first TorchSharp call loads libtorch.
if (Option("--setenv-at", "") == "before-torch-load") NativeEnvironment.Set(LatentSharp.Training.ConvolutionIsaLimit.Variable, LatentSharp.Training.ConvolutionIsaLimit.Isa);
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
    case "dcgan":
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
    case "dcgan-convolutions":
        DcganConvolutions.Run(Int("--steps", 200), Emit);
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
    case "kmeans-cli-profile":
        return KMeansCliProfile.Run(args[1..]);
    case "som":
        return SomBenchmark.Run(args[1..]);
    case "psd":
        return PsdExperiment.Run(args[1..]);
    case "contractive-sparse":
        return ContractiveSparseExperiment.Run(args[1..]);
    case "sample-quality-floor":
        return SampleQualityFloor.Run(args[1..]);
    case "vae":
        return VaeTwin.Run(argv, Emit);
    case "code-mmd":
        return CodeMmd.Run(args[1..]);
    case "native-convolution-check":
        NativeConvolutionCheck.Run(Int("--repeats", 3), Option("--shapes", Flag("--dcgan") ? "dcgan" : Flag("--quick") ? "quick" : "full"), Option("--setenv-at", "none"), Emit);
        break;
    case "stored-sample-quality":
        return StoredSampleQuality.Run(args[1..]);
    case "aae-styles":
        return AaeStyles.Run(args[1..]);
    case "label-conditioned-planted":
        return LabelConditionedPlanted.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: LatentSharp.Bench matmul | dense --epochs 3 | conv --epochs 2 | profile dense|conv | kmeans | som | psd | contractive-sparse | vae [--threads 2] [--seed 1] [--limit N]");
        return 2;
}
return 0;

void Train(string which, int epochs, int seed, int limit)
{
    var trainImages = IdxImages.Read(Path.Combine(Data, "train-images-idx3-ubyte.gz"));
    if (limit > 0) trainImages = trainImages.narrow(0, 0, limit).clone();
    using var train = new Dataset("fashion-mnist/train", trainImages);
    var testImages = IdxImages.Read(Path.Combine(Data, "t10k-images-idx3-ubyte.gz"));
    if (which == "dcgan") testImages = testImages.narrow(0, 0, 1000).clone();   // its test figures are a proxy; not timed
    using var test = new Dataset("fashion-mnist/test", testImages);
    string name = which switch { "dense" => "autoencoder", "conv" => "conv-autoencoder", _ => which };
    // dcgan --column-convolutions true|false: its convolutions by columns or natively (the catalogue's default otherwise).
    ModelOptions? options = null;
    if (which == "dcgan" && Option("--column-convolutions", "") is "true" or "false")
        options = (LatentSharp.Models.Adversarial.GanOptions)ModelCatalog.Get(name).DefaultOptions() with { ColumnConvolutions = Option("--column-convolutions", "") == "true" };
    using var model = (ITrainable)ModelCatalog.Create(name, options, [1, 28, 28], CPU, seed);
    // Multiply-adds per sample of the dense network's weight matrices: forward, weight gradient, and the
    // input gradient of every layer but the first (the data needs no gradient, so libtorch skips it).
    long allParams = 0, forwardMacs = 0, firstLayerMacs = 0;
    foreach (var (n, t) in model.State)
    {
        allParams += t.numel();
        if (which != "dense" || t.dim() != 2) continue;
        forwardMacs += t.numel();
        if (t.shape[1] == 28 * 28) firstLayerMacs = t.numel();
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
        ["params"] = allParams, ["samples"] = train.Count, ["convolution_isa_limit"] = ConvolutionIsaLimit.State.ToString() };
    if (model.Options is LatentSharp.Models.Adversarial.AdversarialOptions adversarial) summary["column_convolutions"] = adversarial.ColumnConvolutions;
    if (which == "dense")
    {
        // 2 FLOPs per multiply-add; three products per layer (forward, weight and input gradients) less the first layer's input gradient.
        // (Until 2026-12-01 this counted 6 · all parameters: 12.3 % of that count was the never-computed product, so
        // the old "fraction of the matmul rate" figures are 1.144× too high.)
        double flops = 2.0 * (3 * forwardMacs - firstLayerMacs) * train.Count;
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

static double Median(IEnumerable<double> values) => Medians.Of(values);
