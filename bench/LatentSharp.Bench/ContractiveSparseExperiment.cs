using System.Diagnostics;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Autoencoders.Penalties;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using static LatentSharp.Bench.BenchArguments;

namespace LatentSharp.Bench;

/// <summary>
/// Sparse and contractive autoencoders on Fashion-MNIST (bench/results/contractive-sparse.md).
/// Parts: sparse, contractive, speed (default: all). Options: --train N (training images, default
/// 20000), --epochs E (default 5), --jacobian-samples N (test images for mean ‖J‖_F, default 2000),
/// --deep-train N (training images for the exact-autograd contractive run, default 5000),
/// --steps S (timed steps per configuration, default 15).
/// </summary>
internal static class ContractiveSparseExperiment
{
    public static int Run(string[] args)
    {
        string part = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
        long train = Integer(args, "--train", 20000);
        int epochs = Integer(args, "--epochs", 5);
        long jacobianSamples = Integer(args, "--jacobian-samples", 2000);
        long deepTrain = Integer(args, "--deep-train", 5000);
        int steps = Integer(args, "--steps", 15);
        Console.WriteLine($"# contractive-sparse: part={part} train={train} epochs={epochs} threads={get_num_threads()}");
        if (part is "speed" or "all") Speed(steps);
        if (part is "sparse" or "contractive" or "all")
        {
            using var data = DataSources.Resolve("fashion-mnist");
            using var trainSet = data.Train.Take(train);
            var test = data.Test ?? throw new InvalidOperationException("fashion-mnist has no test split");
            using var jacobianSet = test.Take(jacobianSamples);
            if (part is "sparse" or "all") Sparse(trainSet, test, epochs);
            using var deepSet = data.Train.Take(deepTrain);
            if (part is "contractive" or "all") Contractive(trainSet, deepSet, test, jacobianSet, epochs);
        }
        return 0;
    }

    static readonly AutoencoderOptions SigmoidCode = new() { HiddenSizes = [], CodeSize = 256, CodeActivation = ActivationKind.Sigmoid, LearningRate = 1e-3 };
    static readonly AutoencoderOptions ReluCode = new() { HiddenSizes = [512], CodeSize = 256, CodeActivation = ActivationKind.Relu, LearningRate = 1e-3 };

    static (Autoencoder Model, double TestRecon, double Seconds) Train(AutoencoderOptions options, Dataset train, Dataset test, int epochs)
    {
        var model = (Autoencoder)ModelCatalog.Create("autoencoder", options, train.SampleShape, CPU, seed: 1);
        var clock = Stopwatch.StartNew();
        new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 128, Seed = 1 }).Fit(model, train);
        double seconds = clock.Elapsed.TotalSeconds;
        // Evaluate the reconstruction alone (penalties off) so every row reports the same BCE.
        using var generator = new Generator(0);
        var metrics = model.Evaluate(test, new TrainingContext(generator, 500));
        return (model, metrics[MetricKeys.Reconstruction], seconds);
    }

    static void Sparse(Dataset train, Dataset test, int epochs)
    {
        Console.WriteLine();
        Console.WriteLine("## Sparse: test BCE per image and code sparsity (10,000 test images)");
        Console.WriteLine("| encoder | penalty | test BCE | vs plain | mean h | mean \\|h\\| | near-zero fraction | active units / 256 | dead units | Hoyer | train s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (label, baseOptions, variants) in new (string, AutoencoderOptions, (string, AutoencoderOptions)[])[]
        {
            ("784-256 sigmoid", SigmoidCode, [
                ("none", SigmoidCode),
                ("KL rho 0.05 beta 0.3", SigmoidCode with { SparsityWeight = 0.3 }),
                ("KL rho 0.05 beta 1", SigmoidCode with { SparsityWeight = 1 }),
            ]),
            ("784-512-256 relu", ReluCode, [
                ("none", ReluCode),
                ("L1 0.03", ReluCode with { L1Weight = 0.03 }),
            ]),
        })
        {
            double plain = double.NaN;
            foreach (var (name, options) in variants)
            {
                var (model, recon, seconds) = Train(options, train, test, epochs);
                using (model)
                {
                    if (double.IsNaN(plain)) plain = recon;
                    var s = CodeStatistics.Sparsity(model, test);
                    Console.WriteLine($"| {label} | {name} | {recon:F2} | {100 * (recon / plain - 1):+0.0;-0.0}% | {s.MeanActivation:F3} | {s.MeanAbsoluteActivation:F3} | {s.FractionNearZero:F3} (\\|h\\| < {s.Threshold}) | {s.MeanActiveUnits:F1} | {s.DeadUnitFraction:F3} | {s.MeanHoyer:F3} | {seconds:F0} |");
                }
            }
        }
    }

    static void Contractive(Dataset train, Dataset deepTrain, Dataset test, Dataset jacobianSet, int epochs)
    {
        Console.WriteLine();
        Console.WriteLine($"## Contractive: test BCE per image (10,000 images) and mean ‖J_f(x)‖_F ({jacobianSet.Count} test images, exact autograd)");
        Console.WriteLine("| encoder | contractive weight | method | test BCE | vs plain | mean ‖J‖_F | vs plain | train s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var deep = new AutoencoderOptions { HiddenSizes = [256], CodeSize = 64, CodeActivation = ActivationKind.Sigmoid, Activation = ActivationKind.Tanh, LearningRate = 1e-3 };
        foreach (var (label, baseOptions, weights, trainSet, trainEpochs) in new (string, AutoencoderOptions, double[], Dataset, int)[]
        {
            ("784-256 sigmoid", SigmoidCode, [0, 0.1, 1], train, epochs),
            ("784-256-64 tanh/sigmoid", deep, [0, 0.3], deepTrain, Math.Max(1, epochs / 2)),
        })
        {
            double plainRecon = double.NaN, plainNorm = double.NaN;
            foreach (var weight in weights)
            {
                var options = baseOptions with { ContractiveWeight = weight };
                var (model, recon, seconds) = Train(options, trainSet, test, trainEpochs);
                using (model)
                {
                    double norm = CodeStatistics.MeanJacobianNorm(model, jacobianSet);
                    if (weight == 0) { plainRecon = recon; plainNorm = norm; }
                    string method = weight == 0 ? "-" : ContractivePenalty.MethodFor(options).ToString();
                    Console.WriteLine($"| {label} ({trainSet.Count} images × {trainEpochs} epochs) | {weight} | {method} | {recon:F2} | {100 * (recon / plainRecon - 1):+0.0;-0.0}% | {norm:F3} | {100 * (norm / plainNorm - 1):+0.0;-0.0}% | {seconds:F0} |");
                }
            }
        }
    }

    /// <summary>
    /// Median wall and process-CPU time of one training step (forward, BCE, penalty, backward, Adam)
    /// at batch 128. Configurations are interleaved step by step so that load from other processes
    /// on a shared machine hits them alike; --cheap-steps for the plain and closed-form steps.
    /// </summary>
    static void Speed(int steps)
    {
        Console.WriteLine();
        Console.WriteLine($"## Speed: median of {steps} interleaved training steps at batch 128 (after 2 warm-up steps; 10x as many for plain and closed form)");
        Console.WriteLine("| encoder | penalty | wall ms / step | × plain | process CPU ms / step | × plain |");
        Console.WriteLine("|---|---|---|---|---|---|");
        using var generator = new Generator(5);
        using var x = rand([128, 784], generator: generator);
        foreach (var (label, hidden, codeSize) in new (string, int[], int)[] { ("784-256 sigmoid", [], 256), ("784-256-64 tanh/sigmoid", [256], 64) })
        {
            var configurations = new List<(string Name, JacobianMethod? Method, long Budget)> { ("none", null, 0) };
            if (hidden.Length == 0) configurations.Add(("closed form (sigmoid)", JacobianMethod.SigmoidClosedForm, 0));
            long[] budgets = hidden.Length == 0 ? [1L << 20, EncoderJacobian.ReplicatedElementBudget, 1L << 24] : [EncoderJacobian.ReplicatedElementBudget];
            foreach (var budget in budgets)
                configurations.Add(($"exact autograd, replicated batch (budget 2^{Math.Log2(budget):F0} elements)", JacobianMethod.Autograd, budget));
            configurations.Add(("exact autograd, one VJP per unit", JacobianMethod.AutogradPerUnit, 0));
            var steppers = configurations.Select(c => new Stepper(hidden, codeSize, c.Method, c.Budget, x)).ToList();
            try
            {
                for (int round = 0; round < steps + 2; round++)
                    foreach (var stepper in steppers)
                        for (int repeat = 0; repeat < (stepper.Cheap ? 10 : 1); repeat++) stepper.Step(record: round >= 2);
                var (plain, plainCpu) = steppers[0].Medians();
                for (int i = 0; i < steppers.Count; i++)
                {
                    var (ms, cpu) = steppers[i].Medians();
                    Console.WriteLine($"| {label} | {configurations[i].Name} | {ms:F1} | {ms / plain:F1} | {cpu:F1} | {cpu / plainCpu:F1} |");
                }
            }
            finally
            {
                foreach (var stepper in steppers) stepper.Dispose();
            }
        }
    }

    sealed class Stepper : IDisposable
    {
        readonly nn.Module<Tensor, Tensor> _encoder, _decoder;
        readonly optim.Optimizer _optimizer;
        readonly ContractivePenalty? _penalty;
        readonly long _budget, _codeSize;
        readonly Tensor _x;
        readonly List<double> _wall = [], _cpu = [];
        readonly Process _process = Process.GetCurrentProcess();

        public Stepper(int[] hidden, int codeSize, JacobianMethod? method, long budget, Tensor x)
        {
            manual_seed(1);
            _encoder = Mlp.Build(784, [.. hidden, codeSize], ActivationKind.Tanh, ActivationKind.Sigmoid);
            _decoder = Mlp.Build(codeSize, [.. hidden.Reverse(), 784], ActivationKind.Tanh, ActivationKind.Linear);
            _optimizer = optim.Adam(_encoder.parameters().Concat(_decoder.parameters()).ToList(), 1e-3);
            _penalty = method is { } m ? new ContractivePenalty(0.1, m) : null;
            _budget = budget;
            _codeSize = codeSize;
            _x = x;
        }

        public bool Cheap => _penalty is null || _penalty.Method == JacobianMethod.SigmoidClosedForm;

        public void Step(bool record)
        {
            using var scope = NewDisposeScope();
            _process.Refresh();
            var cpuBefore = _process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            _optimizer.zero_grad();
            var code = _encoder.call(_x);
            var loss = binary_cross_entropy_with_logits(_decoder.call(code), _x, reduction: nn.Reduction.Sum) / _x.shape[0];
            if (_penalty is not null)
            {
                loss = _penalty.Method == JacobianMethod.Autograd
                    ? loss + 0.1 * EncoderJacobian.SquaredFrobeniusNorms(_encoder.call, _x, _codeSize, createGraph: true, elementBudget: _budget).mean()
                    : loss + _penalty.Compute(new PenaltyInput(_x, code, _encoder.call, _encoder));
            }
            loss.backward();
            _optimizer.step();
            double wall = clock.Elapsed.TotalMilliseconds;
            _process.Refresh();
            if (record) { _wall.Add(wall); _cpu.Add((_process.TotalProcessorTime - cpuBefore).TotalMilliseconds); }
        }

        public (double Wall, double Cpu) Medians() => (Median(_wall), Median(_cpu));

        static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _encoder.Dispose();
            _decoder.Dispose();
            _process.Dispose();
        }
    }
}
