// CPU-time profile of the batch SOM's pieces on the bench data (LatentSharp.Bench som --profile 1): where the
// seconds of Trainer.Fit go beyond the BMU product.
using System.Diagnostics;
using LatentSharp.Data;
using LatentSharp.Models.Competitive;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

static class SomProfile
{
    public static void Run(Dataset data, SelfOrganizingMap model, int epochs)
    {
        using var x = data.Features.reshape(data.Count, -1).contiguous();
        var prototypes = model.Prototypes;
        using var order = randperm(data.Count);
        void Time(string what, int repeats, Action action)
        {
            action();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < repeats; i++) { using var scope = NewDisposeScope(); action(); }
            Console.WriteLine($"{what,-40} {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / repeats,8:F2} ms cpu {wall.Elapsed.TotalMilliseconds / repeats,8:F2} ms wall");
        }
        // The trainer's heap setting first (as in a real run): large temporaries reuse memory.
        new Trainer(new TrainerOptions { Epochs = 1, BatchSize = (int)data.Count, Seed = 1 }).Fit(model, data);
        Time("gather batch (index_select)", 10, () => x.index_select(0, order));
        Time("gather 4-D features (index_select)", 10, () => data.Features.index_select(0, order));
        Time("gather x[order] (index)", 10, () => { using var t = x[order]; });
        Time("gather 4-D features[order] (index)", 10, () => { using var t = data.Features[order]; });
        Time("gather via take_along_dim", 10, () => x.take_along_dim(order.unsqueeze(1), 0));
        Time("x.clone()", 10, () => x.clone());
        Time("x.square().sum(1)", 10, () => x.square().sum(1));
        Time("vector_norm(x, dim 1)", 10, () => linalg.vector_norm(x, 2, [1]));
        Time("addmm x·Wᵀ", 10, () => addmm(prototypes.square().sum(1).unsqueeze(0), x, prototypes.t(), beta: 1, alpha: -2));
        Time("mm x·Wᵀ (contiguous Wᵀ)", 10, () => { using var wt = prototypes.t().contiguous(); x.mm(wt); });
        Time("mm W·xᵀ", 10, () => prototypes.mm(x.t()));
        using var d = addmm(prototypes.square().sum(1).unsqueeze(0), x, prototypes.t(), beta: 1, alpha: -2);
        Time("addmm W·xᵀ + min(0)", 10, () => { var d2 = addmm(prototypes.square().sum(1).unsqueeze(1), prototypes, x.t(), beta: 1, alpha: -2); d2.min(0); });
        Time("addmm x·Wᵀ + min(1)", 10, () => { var d2 = addmm(prototypes.square().sum(1).unsqueeze(0), x, prototypes.t(), beta: 1, alpha: -2); d2.min(1); });
        Time("min(1) of [B, U]", 10, () => d.min(1));
        Time("argmin(1) of [B, U]", 10, () => d.argmin(1));
        using var bmu = d.argmin(1);
        Time("index_add_ sums", 10, () => zeros_like(prototypes).index_add_(0, bmu, x, 1));
        Time("one-hotᵀ·x sums", 10, () => zeros(x.shape[0], prototypes.shape[0]).scatter_(1, bmu.unsqueeze(1), ones(x.shape[0], 1)).t().mm(x));
        var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = (int)data.Count, Seed = 1 });
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = trainer.Fit(model, data);
        Console.WriteLine($"Trainer.Fit {epochs} epochs: {clock.Elapsed.TotalSeconds:F3} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:F3} s cpu, epoch seconds sum {result.History.Sum(h => h["seconds"]):F3}");
    }
}
