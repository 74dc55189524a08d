using System.Diagnostics;
using LatentSharp.Models;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// Process CPU time (and wall time) per training step, split into forward+loss, backward and the
/// optimiser step, on the library's own model (ModelCatalog) with a fixed batch. CPU time is what the
/// shared machine's load disturbs least; pairs with bench/peers/pytorch_profile.py --cpu.
/// </summary>
static class CpuProfile
{
    static readonly Process Self = Process.GetCurrentProcess();
    static double Cpu() { Self.Refresh(); return Self.TotalProcessorTime.TotalMilliseconds; }

    public static void Run(string which, int steps, Action<object> emit)
    {
        var x = rand(128, 1, 28, 28);
        var name = which == "dense" ? "autoencoder" : "conv-autoencoder";
        using var model = (ITrainable)ModelCatalog.Create(name, null, [1, 28, 28], CPU, 1);
        var context = new TrainingContext(new Generator(1), 128);
        var batch = new LatentSharp.Data.Batch(x, null);
        for (int i = 0; i < 5; i++) { using var s = NewDisposeScope(); model.TrainStep(batch, context); }
        double c0 = Cpu(); var w = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) { using var s = NewDisposeScope(); model.TrainStep(batch, context); }
        emit(new { side = "latentsharp", model = which, phase = "train_step", cpu_ms = (Cpu() - c0) / steps, wall_ms = w.Elapsed.TotalMilliseconds / steps });

        // Phases, through the library's own pieces: its loss (via Evaluate-free path: TrainStep's parts) is internal,
        // so use the network's modules as the model built them.
        var network = ((dynamic)model).GetType().GetProperty("Network", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(model) as nn.Module<Tensor, Tensor>;
        var optimizer = model.GetType().GetProperty("Optimizer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(model) as LatentSharp.Training.Optimizers.IOptimizer;
        double f = 0, b = 0, o = 0;
        for (int i = 0; i < steps + 3; i++)
        {
            using var s = NewDisposeScope();
            double t0 = Cpu();
            optimizer!.ZeroGrad();
            var output = network!.call(x).reshape(128, 1, 28, 28);
            var loss = nn.functional.binary_cross_entropy_with_logits(output, x, reduction: nn.Reduction.Sum) / 128;
            double t1 = Cpu();
            loss.backward();
            double t2 = Cpu();
            optimizer.Step();
            double t3 = Cpu();
            if (i >= 3) { f += t1 - t0; b += t2 - t1; o += t3 - t2; }
        }
        emit(new { side = "latentsharp", model = which, phase = "forward_loss", cpu_ms = f / steps });
        emit(new { side = "latentsharp", model = which, phase = "backward", cpu_ms = b / steps });
        emit(new { side = "latentsharp", model = which, phase = "optimizer", cpu_ms = o / steps });
    }
}
