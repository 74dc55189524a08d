using System.Diagnostics;
using System.Text.Json;
using LatentSharp.Bench;
using PlainTorchSharp.Bench;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

// Plain-TorchSharp side of bench/run-autoencoders.sh (issue 12, part 1): what a .NET user would write instead of
// using LatentSharp. nn.Sequential models, TorchSharp's own torch.optim.Adam, each epoch a randperm of the whole
// training tensor sliced into batches of 128, BCE summed per image, one dispose scope per batch (TorchSharp's idiom).
//   PlainTorchSharp.Bench dense|conv [--epochs 3|2] [--seed 1] [--threads 2] [--limit N]
// One JSON line per epoch, then a summary line; the same fields as the other two sides.

const string Data = "/usr/share/datasets/fashion-mnist";
if (args.Length == 0 || args[0] is not ("dense" or "conv"))
{
    Console.Error.WriteLine("usage: PlainTorchSharp.Bench dense|conv [--epochs N] [--seed 1] [--threads 2] [--limit N]");
    return 2;
}
string which = args[0];
int Int(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
int epochs = Int("--epochs", which == "dense" ? 3 : 2), seed = Int("--seed", 1), limit = Int("--limit", 0);
const int BatchSize = 128;
torch.set_num_threads(Int("--threads", 2));
void Emit(object o) { Console.WriteLine(JsonSerializer.Serialize(o)); Console.Out.Flush(); }

using var train = limit > 0 ? IdxImages.Read(Path.Combine(Data, "train-images-idx3-ubyte.gz"))[..limit].clone()
                            : IdxImages.Read(Path.Combine(Data, "train-images-idx3-ubyte.gz"));
using var test = IdxImages.Read(Path.Combine(Data, "t10k-images-idx3-ubyte.gz"));
torch.manual_seed(seed);                                    // weight initialisation
using var model = which == "dense" ? PlainModels.Dense() : PlainModels.Convolutional();
using var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);
using var shuffle = new Generator((ulong)seed);
long n = train.shape[0];
var self = Process.GetCurrentProcess();
double CpuSeconds() { self.Refresh(); return self.TotalProcessorTime.TotalSeconds; }
var seconds = new List<double>();
var cpuSeconds = new List<double>();
double testLoss = double.NaN;

for (int epoch = 1; epoch <= epochs; epoch++)
{
    using var order = randperm(n, generator: shuffle);
    double total = 0, cpu0 = CpuSeconds();
    var clock = Stopwatch.StartNew();
    model.train();
    for (long start = 0; start < n; start += BatchSize)
    {
        using var scope = NewDisposeScope();
        long count = Math.Min(BatchSize, n - start);
        var x = train.index_select(0, order.narrow(0, start, count));
        optimizer.zero_grad();
        var loss = Loss(model.call(x), x);
        loss.backward();
        optimizer.step();
        total += loss.item<float>() * count;
    }
    seconds.Add(clock.Elapsed.TotalSeconds);
    cpuSeconds.Add(CpuSeconds() - cpu0);
    testLoss = Evaluate(test);
    Emit(new Dictionary<string, object> {
        ["side"] = "plain-torchsharp", ["model"] = which, ["event"] = "epoch", ["epoch"] = epoch, ["seconds"] = seconds[^1],
        ["cpu_seconds"] = cpuSeconds[^1], ["train_loss"] = total / n, ["test_loss"] = testLoss });
}
Emit(new Dictionary<string, object> {
    ["side"] = "plain-torchsharp", ["model"] = which, ["event"] = "summary", ["epochs"] = epochs,
    ["median_seconds"] = Medians.Of(seconds), ["median_cpu_seconds"] = Medians.Of(cpuSeconds), ["seconds"] = seconds, ["test_loss"] = testLoss,
    ["threads"] = torch.get_num_threads(), ["torchsharp"] = typeof(torch).Assembly.GetName().Version!.ToString(),
    ["params"] = model.parameters().Sum(p => p.numel()), ["samples"] = n,
    // The proof that this process is plain: LatentSharp (and its allocator setting) never loaded.
    ["latentsharp_loaded"] = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "LatentSharp"),
    ["malloc_env"] = string.Join(" ", Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("MALLOC_")).Order()
        .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}")) });
return 0;

// BCE summed over each image's pixels, mean over the batch: the other two sides' loss.
static Tensor Loss(Tensor logits, Tensor target) =>
    binary_cross_entropy_with_logits(logits, target, reduction: nn.Reduction.Sum) / target.shape[0];

double Evaluate(Tensor data)
{
    model.eval();
    using var noGrad = torch.no_grad();
    double sum = 0;
    for (long start = 0; start < data.shape[0]; start += BatchSize)
    {
        using var scope = NewDisposeScope();
        var x = data.narrow(0, start, Math.Min(BatchSize, data.shape[0] - start));
        sum += Loss(model.call(x), x).item<float>() * x.shape[0];
    }
    model.train();
    return sum / data.shape[0];
}
