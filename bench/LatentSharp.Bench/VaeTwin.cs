using System.Diagnostics;
using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Models.Variational;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;
using static LatentSharp.Bench.BenchArguments;

namespace LatentSharp.Bench;

/// <summary>
/// LatentSharp side of bench/vae.sh, the twin of bench/peers/pytorch_vae.py: the catalogue's <c>vae</c>
/// as <c>latent train vae --binarize true --code-size 32 --hidden-sizes 512,256 --batch-size 128</c> builds it
/// (Adam 1e-3 by default), trained by the library's Trainer on the raw Fashion-MNIST pixels (the model
/// binarises them at 0.5), then scored as <c>latent evaluate --estimator loss --estimator iwae:k=1000,limit=1000</c>
/// does (through <see cref="Evaluator"/>), each estimator timed. Epoch time = the Trainer's <c>seconds</c>
/// (the training loop only). Options: --epochs 5, --seed 1, --k 1000, --iwae-limit 1000, --limit N (first N
/// training images). One JSON line per epoch and a summary line.
/// </summary>
static class VaeTwin
{
    const string Data = "/usr/share/datasets/fashion-mnist";

    public static int Run(IReadOnlyList<string> args, Action<object> emit)
    {
        int epochs = Integer(args, "--epochs", 5), seed = Integer(args, "--seed", 1), limit = Integer(args, "--limit", 0);
        int k = Integer(args, "--k", 1000), iwaeLimit = Integer(args, "--iwae-limit", 1000);
        var trainImages = IdxImages.Read(Path.Combine(Data, "train-images-idx3-ubyte.gz"));
        if (limit > 0) trainImages = trainImages.narrow(0, 0, limit).clone();
        using var train = new Dataset("fashion-mnist/train", trainImages);
        using var test = new Dataset("fashion-mnist/test", IdxImages.Read(Path.Combine(Data, "t10k-images-idx3-ubyte.gz")));
        var options = new VariationalAutoencoderOptions { CodeSize = 32, HiddenSizes = [512, 256], Binarize = true };
        using var model = (ITrainable)ModelCatalog.Create("vae", options, [1, 28, 28], CPU, seed);
        // PyTorch's nn.Linear default draws weights and biases from U(−1/√fan_in, 1/√fan_in): each ratio ≈ 1 there.
        var initScale = model.State.ToDictionary(kv => kv.Key, kv => kv.Value.abs().max().item<float>() * Math.Sqrt(FanIn(model.State, kv.Key)));
        var cpu = new CpuTimes();
        var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 128, Seed = seed }, runDirectory: null, progress: cpu);
        cpu.Start();
        var result = trainer.Fit(model, train);
        var seconds = new List<double>();
        foreach (var m in result.History)
        {
            seconds.Add(m["seconds"]);
            emit(new Dictionary<string, object> {
                ["side"] = "latentsharp", ["event"] = "epoch", ["epoch"] = (int)m["epoch"], ["seconds"] = m["seconds"],
                ["cpu_seconds"] = cpu.EpochSeconds[(int)m["epoch"] - 1], ["train_elbo"] = m[$"train.{VariationalAutoencoder.ElboKey}"] });
        }

        var (loss, elboSeconds, _) = Timed(() => Evaluator.Run(model, EstimatorCatalog.Create("loss"), test, "test", null, seed));
        var (iwae, iwaeSeconds, iwaeCpu) = Timed(() => Evaluator.Run(model, EstimatorCatalog.Create($"iwae:k={k},limit={iwaeLimit}"), test, "test", null, seed));
        MetricValue Figure(EvaluationEntry entry, string key) => entry.Values.Single(v => v.Metric == key);
        var bound = Figure(iwae, "iwae.log_likelihood");
        emit(new Dictionary<string, object> {
            ["side"] = "latentsharp", ["event"] = "summary", ["seed"] = seed, ["epochs"] = epochs,
            ["median_seconds"] = Medians.Of(seconds), ["seconds"] = seconds, ["median_cpu_seconds"] = Medians.Of(cpu.EpochSeconds),
            ["test_elbo"] = Figure(loss, VariationalAutoencoder.ElboKey).Value, ["test_recon"] = Figure(loss, MetricKeys.Reconstruction).Value,
            ["test_kl"] = Figure(loss, MetricKeys.KL).Value, ["test_elbo_seconds"] = elboSeconds,
            ["iwae_k"] = k, ["iwae_images"] = Math.Min(iwaeLimit, test.Count),
            ["iwae_nll"] = -bound.Value, ["iwae_se"] = bound.StandardError ?? double.NaN, ["iwae_seconds"] = iwaeSeconds, ["iwae_cpu_seconds"] = iwaeCpu,
            ["init_scale"] = initScale, ["threads"] = get_num_threads(), ["torchsharp"] = typeof(torch).Assembly.GetName().Version!.ToString(),
            ["params"] = model.State.Values.Sum(t => t.numel()) });
        return 0;
    }

    /// <summary>Inputs of the linear layer that owns <paramref name="key"/> (<c>….weight</c> or <c>….bias</c>).</summary>
    static long FanIn(IReadOnlyDictionary<string, Tensor> state, string key) => state[key[..key.LastIndexOf('.')] + ".weight"].shape[1];

    /// <summary>The value, wall seconds and process CPU seconds of <paramref name="work"/>.</summary>
    static (T Value, double Seconds, double CpuSeconds) Timed<T>(Func<T> work)
    {
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpu0 = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var value = work();
        double wall = clock.Elapsed.TotalSeconds;
        self.Refresh();
        return (value, wall, (self.TotalProcessorTime - cpu0).TotalSeconds);
    }
}
