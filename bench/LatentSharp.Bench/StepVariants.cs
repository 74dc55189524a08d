using System.Diagnostics;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Wall and CPU time of the dense autoencoder's training step with Adam and with plain SGD, so the
/// optimiser's share of the gap to PyTorch can be read off (pairs with pytorch_profile.py --variants).
/// Median over blocks of 20 steps on one fixed batch.
/// </summary>
static class StepVariants
{
    static readonly Process Self = Process.GetCurrentProcess();
    static double Cpu() { Self.Refresh(); return Self.TotalProcessorTime.TotalMilliseconds; }

    public static void Run(int blocks, Action<object> emit)
    {
        var x = rand(128, 1, 28, 28);
        var batch = new LatentSharp.Data.Batch(x, null);
        foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.Sgd })
        {
            var options = new AutoencoderOptions { Optimizer = optimizer, Momentum = 0 };
            using var model = (ITrainable)ModelCatalog.Create("autoencoder", options, [1, 28, 28], CPU, 1);
            var context = new TrainingContext(new Generator(1), 128);
            for (int i = 0; i < 10; i++) { using var s = NewDisposeScope(); model.TrainStep(batch, context); }
            var wall = new List<double>(); var cpu = new List<double>();
            for (int b = 0; b < blocks; b++)
            {
                double c0 = Cpu(); var w = Stopwatch.StartNew();
                for (int i = 0; i < 20; i++) { using var s = NewDisposeScope(); model.TrainStep(batch, context); }
                wall.Add(w.Elapsed.TotalMilliseconds / 20); cpu.Add((Cpu() - c0) / 20);
            }
            emit(new { side = "latentsharp", optimizer = optimizer.ToString().ToLowerInvariant(), wall_ms = Median(wall), cpu_ms = Median(cpu) });
        }
    }

    /// <summary>The optimiser step alone on the dense model's parameter shapes with fixed random gradients (pairs with /tmp-free pytorch_profile.py --adam).</summary>
    public static void AdamOnly(Action<object> emit, bool flat)
    {
        long[][] shapes = flat ? [[1_083_696]] : [[512, 784], [512], [256, 512], [256], [32, 256], [32], [256, 32], [256], [512, 256], [512], [784, 512], [784]];
        manual_seed(0);
        var parameters = shapes.Select((s, i) => ($"p{i}", new TorchSharp.Modules.Parameter(randn(s) * 0.01))).ToArray();
        foreach (var (_, p) in parameters) p.grad = randn_like(p) * 1e-3;
        using var adam = new LatentSharp.Training.Optimizers.Adam(parameters, 1e-3);
        for (int i = 0; i < 10; i++) adam.Step();
        var wall = new List<double>(); var cpu = new List<double>();
        for (int b = 0; b < 15; b++)
        {
            double c0 = Cpu(); var w = Stopwatch.StartNew();
            for (int i = 0; i < 20; i++) adam.Step();
            wall.Add(w.Elapsed.TotalMilliseconds / 20); cpu.Add((Cpu() - c0) / 20);
        }
        emit(new { side = "latentsharp", phase = flat ? "adam_one_flat_tensor" : "adam_12_tensors", wall_ms = Median(wall), cpu_ms = Median(cpu) });
    }

    static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }
}
