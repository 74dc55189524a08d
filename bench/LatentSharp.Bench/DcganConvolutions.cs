using System.Diagnostics;
using LatentSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// The cost of the dcgan's glitch workarounds, and whether the glitch still shows: one adversarial step's
/// forward and backward (noise → G → D → non-saturating loss → gradients of both networks, batch 128) with the
/// library's layers (ColumnConv2d in D, ExactConvTranspose2d by columns in G) against libtorch's native
/// Conv2d / ConvTranspose2d, same weights. Reports CPU ms per step and how many steps gave a non-finite
/// output or gradient. <c>LatentSharp.Bench dcgan-convolutions --steps 200</c>
/// </summary>
static class DcganConvolutions
{
    static readonly Process Self = Process.GetCurrentProcess();
    static double Cpu() { Self.Refresh(); return Self.TotalProcessorTime.TotalMilliseconds; }

    public static void Run(int steps, Action<object> emit)
    {
        // Two rounds, variants alternated, so that other people's load falls on both alike.
        foreach (var (round, native) in new[] { (1, false), (1, true), (2, false), (2, true) })
        {
            manual_seed(1);
            using var generator = Generator(native);
            using var discriminator = Discriminator(native);
            var parameters = generator.parameters().Concat(discriminator.parameters()).ToArray();
            using var random = new torch.Generator(7);
            int nonFinite = 0;
            double start = 0;
            for (int step = -3; step < steps; step++)   // three warm-up steps
            {
                if (step == 0) start = Cpu();
                using var scope = NewDisposeScope();
                foreach (var p in parameters) p.grad?.zero_();
                var fake = generator.call(randn([128, 64], generator: random));
                var loss = nn.functional.softplus(-discriminator.call(fake)).mean();
                loss.backward();
                bool finite = fake.isfinite().all().item<bool>() && parameters.All(p => p.grad is null || p.grad.isfinite().all().item<bool>());
                if (step >= 0 && !finite) nonFinite++;
            }
            emit(new Dictionary<string, object> {
                ["experiment"] = "dcgan-convolutions", ["round"] = round, ["layers"] = native ? "native" : "by-columns", ["steps"] = steps,
                ["cpu_ms_per_step"] = (Cpu() - start) / steps, ["non_finite_steps"] = nonFinite });
        }
    }

    // The catalogue's dcgan: Discriminator.Convolutional (ColumnConv2d), or the same with nn.Conv2d.
    static Sequential Discriminator(bool native) => native
        ? nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
        : LatentSharp.Layers.Discriminator.Convolutional([1, 28, 28], [64, 128], 4, batchNorm: true);

    // The catalogue's dcgan generator, with ExactConvTranspose2d(alwaysByColumns) or nn.ConvTranspose2d (7 → 14 → 28: even sides).
    static Sequential Generator(bool native)
    {
        nn.Module<Tensor, Tensor> Up(long input, long output) => native
            ? nn.ConvTranspose2d(input, output, 4, 2, 1)
            : new ExactConvTranspose2d(input, output, 4, 2, 1, 0, 0, alwaysByColumns: true);
        return nn.Sequential(nn.Linear(64, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(), nn.Unflatten(1, [128, 7, 7]),
            Up(128, 64), nn.BatchNorm2d(64), nn.ReLU(), Up(64, 1), nn.Sigmoid());
    }
}
