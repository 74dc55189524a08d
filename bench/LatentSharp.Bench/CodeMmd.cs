using System.Text.Json;
using LatentSharp.Data;
using LatentSharp.Layers.Kernels;
using LatentSharp.Layers.Priors;
using LatentSharp.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// How far a trained encoder's codes are from a prior (bench/results/aae.md): the test split's codes
/// against as many prior samples, MMD² under the IMQ kernel C/(C + d²) with the WAE paper's
/// C = 2·d_z·σ²_z (σ²_z the prior's variance per coordinate, from the samples), unbiased, as the mean
/// over disjoint blocks with its standard error.
///   code-mmd --run DIR --prior SPEC [--data fashion-mnist] [--blocks 5] [--seed 1]
/// </summary>
static class CodeMmd
{
    public static int Run(string[] args)
    {
        string run = BenchArguments.Text(args, "--run", "");
        string priorSpec = BenchArguments.Text(args, "--prior", "gaussian");
        string data = BenchArguments.Text(args, "--data", DataSources.FashionMnist);
        int blocks = BenchArguments.Integer(args, "--blocks", 5);
        int seed = BenchArguments.Integer(args, "--seed", 1);
        using var model = ModelFile.Load(Path.Combine(run, "model.safetensors"));
        if (model is not IEncoder encoder) { Console.Error.WriteLine($"{run}: {model.Name} has no encoder"); return 2; }
        using var split = DataSources.Resolve(data);
        var test = split.Test ?? throw new InvalidOperationException($"{data} has no test split");
        using var scope = NewDisposeScope();
        var codes = encoder.Encode(test.Features).to(ScalarType.Float64);
        var prior = LatentPriors.Parse(priorSpec, (int)encoder.CodeSize);
        using var random = new Generator((ulong)seed);
        long count = codes.shape[0];
        var samples = prior.Sample(count, random).to(ScalarType.Float64);
        double variance = samples.var(0).mean().item<double>();
        var kernel = new InverseMultiquadraticKernel(2 * encoder.CodeSize * variance);
        long size = count / blocks;
        var values = Enumerable.Range(0, blocks)
            .Select(b => Mmd.Squared(codes.narrow(0, b * size, size), samples.narrow(0, b * size, size), kernel).item<double>())
            .ToArray();
        double mean = values.Average();
        double se = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Sum() / (blocks - 1) / blocks);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            run, model = model.Name, prior = prior.Spec, kernel = kernel.Description, statistic = "unbiased",
            blocks, block_size = size, mmd2 = mean, standard_error = se,
            code_mean = codes.mean([0]).data<double>().ToArray(), code_std = codes.std([0]).data<double>().ToArray(),
        }));
        return 0;
    }
}
