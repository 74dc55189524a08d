using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>Side-by-side variants of one conv-autoencoder training step, in one process, alternated.</summary>
static partial class Experiments
{
    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();
    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
    [LibraryImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledMkldnn(IntPtr context);

    public static void Mkldnn(bool enabled) => SetUserEnabledMkldnn(GlobalContext(), enabled);

    static Tensor ChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    static List<(string, nn.Module<Tensor, Tensor>)> Layers() => new() {
            ("conv1_32", nn.Conv2d(1, 32, 3, 2, 1)), ("r1", nn.ReLU()), ("conv32_64", nn.Conv2d(32, 64, 3, 2, 1)), ("r2", nn.ReLU()),
            ("flatten", nn.Flatten()), ("linear3136_32", nn.Linear(3136, 32)), ("linear32_3136", nn.Linear(32, 3136)), ("r3", nn.ReLU()),
            ("unflatten", nn.Unflatten(1, [64, 7, 7])),
            ("convT64_32", nn.ConvTranspose2d(64, 32, (3, 3), (2, 2), (1, 1), (1, 1))), ("r4", nn.ReLU()),
            ("convT32_1", nn.ConvTranspose2d(32, 1, (3, 3), (2, 2), (1, 1), (1, 1))) };

    public static void Run(int steps, Action<object> emit)
    {
        var x = rand(128, 1, 28, 28);
        manual_seed(1);
        var net2 = nn.Sequential(Layers());
        var adam2 = new LatentSharp.Training.Optimizers.Adam(net2.named_parameters().ToList(), 1e-3);
        var net3 = nn.Sequential(Layers());
        var adam3 = new LatentSharp.Training.Optimizers.Adam(net3.named_parameters().ToList(), 1e-3);
        var stepSamples = new List<double>(); var stepSamples3 = new List<double>();
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> {
            ("conv1_32", nn.Conv2d(1, 32, 3, 2, 1)), ("r1", nn.ReLU()), ("conv32_64", nn.Conv2d(32, 64, 3, 2, 1)), ("r2", nn.ReLU()),
            ("flatten", nn.Flatten()), ("linear3136_32", nn.Linear(3136, 32)), ("linear32_3136", nn.Linear(32, 3136)), ("r3", nn.ReLU()),
            ("unflatten", nn.Unflatten(1, [64, 7, 7])),
            ("convT64_32", nn.ConvTranspose2d(64, 32, (3, 3), (2, 2), (1, 1), (1, 1))), ("r4", nn.ReLU()),
            ("convT32_1", nn.ConvTranspose2d(32, 1, (3, 3), (2, 2), (1, 1), (1, 1))) };
        var net = nn.Sequential(layers);
        emit(new { mkldnn_enabled_by_default = UserEnabledMkldnn(GlobalContext()) });
        var variants = new (string Name, Action Setup, Func<Tensor, Tensor> Input)[] {
            ("default", () => Mkldnn(true), t => t),
            ("mkldnn_off", () => Mkldnn(false), t => t),
            ("channels_last_input", () => Mkldnn(true), ChannelsLast),
        };
        var samples = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var perLayer = new Dictionary<string, List<double>>();
        for (int round = 0; round < steps + 2; round++)
            foreach (var v in variants)
            {
                v.Setup();
                using var scope = NewDisposeScope();
                foreach (var p in net.parameters()) p.grad = null;
                var t0 = Stopwatch.GetTimestamp();
                var loss = nn.functional.binary_cross_entropy_with_logits(net.call(v.Input(x)), x, reduction: nn.Reduction.Sum) / 128;
                var t1 = Stopwatch.GetTimestamp();
                loss.backward();
                var t2 = Stopwatch.GetTimestamp();
                if (round >= 2) { samples[v.Name].Add((t2 - t0) * 1000.0 / Stopwatch.Frequency); }
                // each conv layer alone, forward + backward, input not requiring grad for the first
                var h = v.Input(x);
                foreach (var (name, layer) in layers)
                {
                    if (!name.StartsWith("conv")) { using (no_grad()) h = layer.call(h); continue; }
                    var inp = name == "conv1_32" ? h : h.detach().requires_grad_(true);
                    var c0 = Stopwatch.GetTimestamp();
                    layer.call(inp).sum().backward();
                    var c1 = Stopwatch.GetTimestamp();
                    if (round >= 2) { var key = v.Name + "/" + name; if (!perLayer.ContainsKey(key)) perLayer[key] = new(); perLayer[key].Add((c1 - c0) * 1000.0 / Stopwatch.Frequency); }
                    using (no_grad()) h = layer.call(h);
                }
            }
        Mkldnn(true);
        for (int round = 0; round < steps + 2; round++)
        {
            foreach (var (net_, adam_, list) in new[] { (net2, adam2, stepSamples), (net3, adam3, stepSamples3) })
            {
                using var scope = NewDisposeScope();
                var t0 = Stopwatch.GetTimestamp();
                adam_.ZeroGrad();
                var loss = nn.functional.binary_cross_entropy_with_logits(net_.call(x), x, reduction: nn.Reduction.Sum) / 128;
                loss.backward();
                var t1 = Stopwatch.GetTimestamp();
                if (list == stepSamples) adam_.Step();
                if (round >= 2) list.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        }
        stepSamples.Sort(); stepSamples3.Sort();
        emit(new { variant = "fwd_bwd_with_adam_between", fwd_bwd_ms = stepSamples[stepSamples.Count / 2] });
        emit(new { variant = "fwd_bwd_no_adam", fwd_bwd_ms = stepSamples3[stepSamples3.Count / 2] });
        foreach (var (k, s) in samples) { s.Sort(); emit(new { variant = k, fwd_bwd_ms = s[s.Count / 2] }); }
        foreach (var (k, s) in perLayer) { s.Sort(); emit(new { variant = k, layer_fwd_bwd_ms = s[s.Count / 2] }); }
    }
}
