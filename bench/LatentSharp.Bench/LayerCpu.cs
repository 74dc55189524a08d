using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>CPU time of each convolution of the conv autoencoder, forward and forward+backward, under layout variants.</summary>
static class LayerCpu
{
    static readonly Process Self = Process.GetCurrentProcess();
    static double Cpu() { Self.Refresh(); return Self.TotalProcessorTime.TotalMilliseconds; }

    static double Measure(int reps, Action a)
    {
        for (int i = 0; i < 3; i++) { using var s = NewDisposeScope(); a(); }
        double c = Cpu();
        for (int i = 0; i < reps; i++) { using var s = NewDisposeScope(); a(); }
        return (Cpu() - c) / reps;
    }

    public static Tensor ChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    public static void Run(int reps, Action<object> emit)
    {
        manual_seed(1);
        var conv1 = nn.Conv2d(1, 32, 3, 2, 1);
        var conv2 = nn.Conv2d(32, 64, 3, 2, 1);
        var convT1 = nn.ConvTranspose2d(64, 32, (3, 3), (2, 2), (1, 1), (1, 1));
        var convT2 = nn.ConvTranspose2d(32, 1, (3, 3), (2, 2), (1, 1), (1, 1));
        var inputs = new (string, nn.Module<Tensor, Tensor>, Tensor, bool)[] {
            ("conv1_32", conv1, rand(128, 1, 28, 28), false),
            ("conv32_64", conv2, rand(128, 32, 14, 14), true),
            ("convT64_32", convT1, rand(128, 64, 7, 7), true),
            ("convT32_1", convT2, rand(128, 32, 14, 14), true) };
        foreach (var (name, layer, x, grad) in inputs)
        {
            foreach (var (variant, prep) in new (string, Func<Tensor, Tensor>)[] { ("nchw", t => t), ("channels_last", ChannelsLast) })
            {
                var xi = prep(x).detach().requires_grad_(grad);
                double fwd = Measure(reps, () => layer.call(xi));
                double fb = Measure(reps, () => layer.call(xi).sum().backward());
                emit(new { layer = name, variant, fwd_cpu_ms = fwd, fwd_bwd_cpu_ms = fb });
            }
        }
        // The whole forward of the convolutions chained, as in the model (NCHW vs channels-last from the input and from the unflatten).
        foreach (var cl in new[] { false, true })
        {
            var x = rand(128, 1, 28, 28);
            var lin1 = nn.Linear(3136, 32); var lin2 = nn.Linear(32, 3136);
            Tensor Fwd()
            {
                var h = nn.functional.relu(conv2.call(nn.functional.relu(conv1.call(cl ? ChannelsLast(x) : x))));
                var code = lin1.call(h.flatten(1));
                var u = nn.functional.relu(lin2.call(code)).reshape(128, 64, 7, 7);
                if (cl) u = ChannelsLast(u);
                return convT2.call(nn.functional.relu(convT1.call(u)));
            }
            double fwd = Measure(reps, () => Fwd());
            double fb = Measure(reps, () => nn.functional.binary_cross_entropy_with_logits(Fwd(), x, reduction: nn.Reduction.Sum).backward());
            emit(new { layer = "whole_net", variant = cl ? "channels_last" : "nchw", fwd_cpu_ms = fwd, fwd_bwd_cpu_ms = fb });
        }
    }
}
