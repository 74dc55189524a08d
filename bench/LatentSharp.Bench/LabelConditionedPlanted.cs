using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentSharp.Data;
using LatentSharp.Layers.Priors;
using LatentSharp.Models;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Bench;

/// <summary>
/// The adversarial autoencoder's label-conditioned prior on planted classes (bench/results/aae.md): per model
/// seed, the share of test codes nearest their class's mixture component, overall and per class.
///   label-conditioned-planted [--seeds 1,2,3] [--epochs 60] [--classes 3] [--options '{"beta1":0.5}'] [--trace 400]
/// Data are the tests' planted samples (PriorMatchingTestKit.Planted): 1,280 training and 1,000 test samples
/// of 8 values, x = sigmoid(W·u + b_class), u ~ N(0, I₂). The model is the catalogue's <c>aae</c> at its
/// defaults with a 2-D code, one hidden layer of 32, <c>mixture:K,radius=2,std=0.5</c> and the conditioned
/// prior on; <c>--options</c> overrides any option (camelCase JSON, as in config.json). Trainer: batch 32, seed 3.
/// <c>--trace N</c> prints, every N steps, where each class's codes are and what the discriminator and the
/// reconstruction do to them (read from the model's state, the discriminator's layout <c>Discriminator.Dense</c>).
/// </summary>
static class LabelConditionedPlanted
{
    public static int Run(string[] args)
    {
        var seeds = BenchArguments.Text(args, "--seeds", "1,2,3").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int epochs = BenchArguments.Integer(args, "--epochs", 60);
        int classes = BenchArguments.Integer(args, "--classes", 3);
        int trace = BenchArguments.Integer(args, "--trace", 0);
        var options = OptionsFor(classes, BenchArguments.Text(args, "--options", "{}"));
        using var train = Planted(1280, classes, seed: 1);
        using var test = Planted(1000, classes, seed: 2);
        var mixture = (GaussianMixturePrior)options.CreatePrior();
        var shares = new List<double>();
        foreach (long seed in seeds)
        {
            using var model = (AdversarialAutoencoder)ModelCatalog.Create("aae", options, [8], CPU, seed);
            var progress = new Tracer(trace, step => Trace(seed, step, model, options, test, mixture));
            var result = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 3 }, progress: progress, checks: []).Fit(model, train);
            var (overall, perClass) = OnComponent(model, test, mixture);
            shares.Add(overall);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                seed, epochs, steps = epochs * 40, on_component = Math.Round(overall, 4), per_class = perClass.Select(s => Math.Round(s, 3)),
                recon = Math.Round(result.History[^1]["train.recon"], 4), d_loss = Math.Round(result.History[^1]["train.d_loss"], 4),
                g_loss = Math.Round(result.History[^1]["train.g_loss"], 4),
            }));
        }
        Console.WriteLine(JsonSerializer.Serialize(new { summary = true, options = JsonNode.Parse(BenchArguments.Text(args, "--options", "{}")), seeds, shares, minimum = shares.Min() }));
        return 0;
    }

    static AdversarialAutoencoderOptions OptionsFor(int classes, string overrides)
    {
        var baseline = new AdversarialAutoencoderOptions
        {
            CodeSize = 2, HiddenSizes = [32], Classes = classes, LabelConditionedPrior = true, Prior = $"mixture:{classes},radius=2,std=0.5",
        };
        var merged = JsonNode.Parse(OptionsJson.Serialize(baseline))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject()) merged[key] = value?.DeepClone();
        return (AdversarialAutoencoderOptions)OptionsJson.Deserialize(merged.ToJsonString(), typeof(AdversarialAutoencoderOptions));
    }

    /// <summary>The tests' planted classes (PriorMatchingTestKit.Planted with classShift 2).</summary>
    static Dataset Planted(long count, int classes, ulong seed)
    {
        using var generator = new torch.Generator(seed);
        using var scope = NewDisposeScope();
        var factors = randn([count, 2], generator: generator);
        var mixing = randn([2, 8], generator: new torch.Generator(100));
        var offsets = randn([classes, 8], generator: new torch.Generator(101)) * 2.0;
        var labels = randint(classes, [count], generator: generator, dtype: ScalarType.Int64);
        var features = (factors.matmul(mixing) + offsets.index_select(0, labels)).sigmoid().to(ScalarType.Float32);
        return new Dataset("planted", features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    static (double Overall, double[] PerClass) OnComponent(IEncoder model, Dataset test, GaussianMixturePrior mixture)
    {
        using var scope = NewDisposeScope();
        var codes = model.Encode(test.Features);
        var nearest = (codes.unsqueeze(1) - mixture.Means().unsqueeze(0)).square().sum(2).argmin(1);
        var hit = nearest.eq(test.Labels!);
        var perClass = Enumerable.Range(0, mixture.Components)
            .Select(k => hit[test.Labels!.eq(k)].to(ScalarType.Float32).mean().item<float>()).Select(v => (double)v).ToArray();
        return (hit.to(ScalarType.Float32).mean().item<float>(), perClass);
    }

    static void Trace(long seed, long step, IModel model, AdversarialAutoencoderOptions options, Dataset test, GaussianMixturePrior mixture)
    {
        using var scope = NewDisposeScope();
        var state = model.State;
        var x = test.Features;
        var labels = test.Labels!;
        var codes = Apply(state, "encoder", x, v => relu(v)).detach().requires_grad_(true);
        var condition = one_hot(labels, options.Classes + 1).to(ScalarType.Float32);
        var score = Apply(state, "discriminator", cat([codes, condition], 1), z => leaky_relu(z, 0.2)).squeeze(1);
        var fooling = softplus(-score);
        var output = Apply(state, "decoder", codes, v => relu(v)).sigmoid();
        var recon = (output - x).square().sum(1);
        var foolingGrad = autograd.grad([fooling.sum()], [codes], retain_graph: true)[0];
        var reconGrad = autograd.grad([recon.sum()], [codes])[0];
        var means = mixture.Means();
        var lines = new List<string>();
        for (int k = 0; k < options.Classes; k++)
        {
            var mask = labels.eq(k);
            var c = codes.detach()[mask];
            var centre = c.mean([0]);
            var toward = means[k] - centre;
            var unit = toward / toward.norm();
            // Gradient descent moves codes along −gradient: its component toward the class's component.
            double foolPull = -(foolingGrad[mask].mean([0]) * unit).sum().item<float>();
            double reconPull = -(reconGrad[mask].mean([0]) * unit).sum().item<float>();
            double foolNorm = foolingGrad[mask].norm(1, false, 2).mean().item<float>();
            var nearest = (c.unsqueeze(1) - means.unsqueeze(0)).square().sum(2).argmin(1).bincount(null, options.Classes);
            // The conditioned discriminator along the straight path from the class's code mean to its component.
            var path = Enumerable.Range(0, 6).Select(i =>
            {
                var z = (centre + toward * (i / 5.0)).unsqueeze(0);
                var cond = one_hot(tensor(new long[] { k }), options.Classes + 1).to(ScalarType.Float32);
                return Apply(state, "discriminator", cat([z, cond], 1), v => leaky_relu(v, 0.2)).item<float>();
            });
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  class {k}: mean ({centre[0].item<float>():F2},{centre[1].item<float>():F2}) std {c.std([0]).mean().item<float>():F2} dist {toward.norm().item<float>():F2} " +
                $"nearest [{string.Join(",", nearest.data<long>().ToArray())}] D(code) {score[mask].mean().item<float>():F2} g {fooling[mask].mean().item<float>():F2} " +
                $"|∇g| {foolNorm:F3} pull: fool {foolPull:F3} recon {reconPull:F3}  D path [{string.Join(" ", path.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)))}]"));
        }
        Console.WriteLine($"seed {seed} step {step} recon {recon.mean().item<float>():F3}");
        foreach (var line in lines) Console.WriteLine(line);
    }

    /// <summary>A dense network from its state: the linear layers named <c>{prefix}.{index}.weight</c> in index order, <paramref name="hidden"/> between them.</summary>
    static Tensor Apply(IReadOnlyDictionary<string, Tensor> state, string prefix, Tensor input, Func<Tensor, Tensor> hidden)
    {
        var layers = state.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal) && k.EndsWith(".weight", StringComparison.Ordinal))
            .Select(k => int.Parse(k.Split('.')[1], CultureInfo.InvariantCulture)).Order().ToArray();
        var h = input;
        for (int i = 0; i < layers.Length; i++)
        {
            h = linear(h, state[$"{prefix}.{layers[i]}.weight"].detach(), state[$"{prefix}.{layers[i]}.bias"].detach());
            if (i < layers.Length - 1) h = hidden(h);
        }
        return h;
    }

    sealed class Tracer(int every, Action<long> trace) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (every > 0 && value.EpochMetrics is null && value.Step % every == 0) trace(value.Step);
        }
    }
}
