using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Layers.Kernels;
using LatentSharp.Models;
using LatentSharp.Models.MomentMatching;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.MomentMatching;

public class GenerativeMomentMatchingTests
{
    // A planted target: a 2-D Gaussian at (2, −1) with spread 0.3.
    static Dataset Target(long count, ulong seed)
    {
        using var generator = new Generator(seed);
        var features = randn([count, 2], generator: generator) * 0.3f + tensor(new[] { 2f, -1f });
        return new Dataset("target", features);
    }

    static GenerativeMomentMatchingNetwork Create(GenerativeMomentMatchingOptions? options = null) =>
        (GenerativeMomentMatchingNetwork)ModelCatalog.Create("gmmn", options ?? new GenerativeMomentMatchingOptions
        {
            NoiseSize = 2, HiddenSizes = [32], OutputActivation = ActivationKind.Linear, Bandwidths = "0.25,0.5,1,2,4", LearningRate = Schedule.Constant(0.03),
        }, [2], CPU, seed: 1);

    static (double MeanX, double MeanY, double Mmd2) Compare(GenerativeMomentMatchingNetwork model, Dataset target)
    {
        using var generator = new Generator(99);
        using var samples = model.Sample(500, generator);
        var mean = samples.mean([0]).data<float>().ToArray();
        double mmd = Mmd.Squared(samples.to(ScalarType.Float64), target.Features.to(ScalarType.Float64), new RbfKernel(0.5)).item<double>();
        return (mean[0], mean[1], mmd);
    }

    [Fact]
    public void Training_moves_the_samples_onto_a_planted_gaussian()
    {
        using var train = Target(256, 1);
        using var test = Target(500, 2);
        using var model = Create();
        var before = Compare(model, test);
        new Trainer(new TrainerOptions { Epochs = 12, BatchSize = 64, Seed = 3 }).Fit(model, train);
        var after = Compare(model, test);
        Assert.InRange(after.MeanX, 1.8, 2.2);
        Assert.InRange(after.MeanY, -1.2, -0.8);
        Assert.True(after.Mmd2 < 0.05 && after.Mmd2 < before.Mmd2 / 10, $"MMD² {before.Mmd2} → {after.Mmd2}");
    }

    [Fact]
    public void Evaluate_reports_the_mmd_to_the_data_as_loss_and_it_grows_with_a_shift()
    {
        // Data drawn from the model itself scores near 0; the same data shifted by 3 scores far higher.
        using var model = Create();
        using var near = new Dataset("own samples", model.Sample(256, new Generator(4)));
        using var far = new Dataset("shifted", near.Features + 3);
        using var generator = new Generator(5);
        var context = new TrainingContext(generator, 128);
        var onTarget = model.Evaluate(near, context);
        var offTarget = model.Evaluate(far, context);
        Assert.Equal(onTarget[MetricKeys.Loss], onTarget[MetricKeys.Mmd]);
        Assert.True(offTarget[MetricKeys.Loss] > 5 * onTarget[MetricKeys.Loss], $"{onTarget[MetricKeys.Loss]} vs {offTarget[MetricKeys.Loss]}");
    }

    [Fact]
    public void Sampling_with_one_seed_gives_one_result_and_stays_in_the_sigmoid_range()
    {
        using var model = Create(new GenerativeMomentMatchingOptions { HiddenSizes = [8], NoiseSize = 3 });
        using var a = model.Sample(10, new Generator(7));
        using var b = model.Sample(10, new Generator(7));
        Assert.Equal([10L, 2L], a.shape);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.True(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
    }

    [Fact]
    public void A_sigmoid_output_refuses_data_outside_zero_to_one()
    {
        using var model = Create(new GenerativeMomentMatchingOptions { HiddenSizes = [8] });
        using var data = Target(10, 1);
        var error = Assert.Throws<ArgumentException>(() => model.CheckData(data));
        Assert.Contains("--output-activation linear", error.Message);
    }

    [Theory]
    [InlineData("2,-1")]
    [InlineData("")]
    [InlineData("a,b")]
    public void Bad_bandwidths_are_refused_by_name(string bandwidths)
    {
        var error = Assert.Throws<InvalidOptionException>(() => new GenerativeMomentMatchingOptions { Bandwidths = bandwidths }.Validate());
        Assert.Equal("Bandwidths", error.Field);
    }
}
