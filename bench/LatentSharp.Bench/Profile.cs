using System.Diagnostics;
using LatentSharp.Models;
using LatentSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Where one training step's time goes: the whole step through the library (TrainStep), and, on a
/// network of the same layers built here, forward / backward / Adam and each layer's forward.
/// </summary>
static class Profile
{
    public static void Run(string which, int steps, int seed, Action<object> emit)
    {
        var x = rand(128, 1, 28, 28);
        var name = which == "dense" ? "autoencoder" : "conv-autoencoder";
        using var model = (ITrainable)ModelCatalog.Create(name, null, [1, 28, 28], CPU, seed);
        var context = new TrainingContext(new Generator(1), 128);
        var step = Median(steps, () =>
        {
            using var scope = NewDisposeScope();
            model.TrainStep(new LatentSharp.Data.Batch(x, null), context);
        });
        emit(new { side = "latentsharp", model = which, phase = "train_step", ms = step });

        // Per layer forward (and forward+backward) on a standalone copy of the architecture.
        var layers = which == "dense"
            ? new List<(string, nn.Module<Tensor, Tensor>)> {
                ("flatten", nn.Flatten()), ("linear784_512", nn.Linear(784, 512)), ("relu", nn.ReLU()), ("linear512_256", nn.Linear(512, 256)),
                ("relu", nn.ReLU()), ("linear256_32", nn.Linear(256, 32)), ("linear32_256", nn.Linear(32, 256)), ("relu", nn.ReLU()),
                ("linear256_512", nn.Linear(256, 512)), ("relu", nn.ReLU()), ("linear512_784", nn.Linear(512, 784)) }
            : new List<(string, nn.Module<Tensor, Tensor>)> {
                ("conv1_32", nn.Conv2d(1, 32, 3, 2, 1)), ("relu", nn.ReLU()), ("conv32_64", nn.Conv2d(32, 64, 3, 2, 1)), ("relu", nn.ReLU()),
                ("flatten", nn.Flatten()), ("linear3136_32", nn.Linear(3136, 32)), ("linear32_3136", nn.Linear(32, 3136)), ("relu", nn.ReLU()),
                ("unflatten", nn.Unflatten(1, [64, 7, 7])),
                ("convT64_32", nn.ConvTranspose2d(64, 32, (3, 3), (2, 2), (1, 1), (1, 1))), ("relu", nn.ReLU()),
                ("convT32_1", nn.ConvTranspose2d(32, 1, (3, 3), (2, 2), (1, 1), (1, 1))) };
        var net = nn.Sequential(layers);
        var adam = new LatentSharp.Training.Optimizers.Adam(net.named_parameters().ToList(), 1e-3);
        var target = which == "dense" ? x.reshape(128, 784) : x;
        var f = new List<double>(); var b = new List<double>(); var o = new List<double>();
        for (int i = 0; i < steps + 3; i++)
        {
            using var scope = NewDisposeScope();
            var c0 = Stopwatch.GetTimestamp();
            adam.ZeroGrad();
            var loss = nn.functional.binary_cross_entropy_with_logits(net.call(x), target, reduction: nn.Reduction.Sum) / 128;
            var c1 = Stopwatch.GetTimestamp();
            loss.backward();
            var c2 = Stopwatch.GetTimestamp();
            adam.Step();
            var c3 = Stopwatch.GetTimestamp();
            if (i >= 3) { f.Add(Ms(c0, c1)); b.Add(Ms(c1, c2)); o.Add(Ms(c2, c3)); }
        }
        emit(new { side = "latentsharp", model = which, phase = "forward", ms = Med(f) });
        emit(new { side = "latentsharp", model = which, phase = "backward", ms = Med(b) });
        emit(new { side = "latentsharp", model = which, phase = "adam", ms = Med(o) });

        var input = x;
        foreach (var (layerName, layer) in layers)
        {
            var inp = input.detach().requires_grad_(true);
            var fo = Median(steps, () => { using var s = NewDisposeScope(); layer.call(inp); });
            var fb = Median(steps, () => { using var s = NewDisposeScope(); layer.call(inp).sum().backward(); });
            emit(new { side = "latentsharp", model = which, phase = "layer", layer = layerName, forward_ms = fo, forward_backward_ms = fb });
            using (no_grad()) input = layer.call(input);
        }
    }

    static double Ms(long a, long b) => (b - a) * 1000.0 / Stopwatch.Frequency;
    static double Med(List<double> v) { v.Sort(); return v[v.Count / 2]; }

    static double Median(int steps, Action action)
    {
        for (int i = 0; i < 3; i++) action();
        var samples = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            var t = Stopwatch.GetTimestamp();
            action();
            samples.Add(Ms(t, Stopwatch.GetTimestamp()));
        }
        return Med(samples);
    }
}
