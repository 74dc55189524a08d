using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models;

/// <summary>Options of <see cref="TestGenerator"/>.</summary>
public sealed record TestGeneratorOptions : ModelOptions
{
    /// <summary>Standard deviation of the noise around the learned mean.</summary>
    [Description("Standard deviation of samples around the mean")]
    [Range(0.0, 10.0)]
    public double Spread { get; init; } = 0.1;
}

/// <summary>
/// A test-only generative model: learns the data mean (a running average of batch means) and samples
/// mean + Spread·N(0, 1). Registered in the catalogue as <see cref="ModelName"/> so that the CLI can
/// train, save, load and sample it like any model.
/// </summary>
public sealed class TestGenerator : IGenerator, ITrainable
{
    /// <summary>Catalogue name.</summary>
    public const string ModelName = "test-generator";

    static readonly Lazy<bool> Registration = new(() =>
    {
        ModelCatalog.Register(new ModelDescriptor(ModelName, "Test-only generator: data mean plus Gaussian noise",
            typeof(TestGeneratorOptions), () => new TestGeneratorOptions(),
            (name, options, shape, device) => new TestGenerator(name, (TestGeneratorOptions)options, shape, device)));
        return true;
    });

    // A divergence planted by a test on its own flow of execution (AsyncLocal), so tests running in parallel never see it.
    static readonly AsyncLocal<long?> PlantedDivergence = new();

    readonly Tensor _mean;

    public TestGenerator(string name, TestGeneratorOptions options, long[] inputShape, Device device)
    {
        Name = name;
        Options = options;
        InputShape = inputShape;
        Device = device;
        _mean = zeros(inputShape.Aggregate(1L, (a, b) => a * b), device: device);
        State = new Dictionary<string, Tensor> { ["mean"] = _mean };
    }

    /// <summary>Registers the model in the catalogue once per test process.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    /// <summary>
    /// Until the result is disposed, every test generator trained on the calling test's flow of execution reports
    /// a NaN training loss from global step <paramref name="step"/> (1-based) on: a divergence planted where the
    /// test wants it in models built from the catalogue's default options (by the CLI or the zoo). Tests running
    /// in parallel on other flows are untouched.
    /// </summary>
    public static IDisposable DivergingFromStep(long step)
    {
        var previous = PlantedDivergence.Value;
        PlantedDivergence.Value = step;
        return new Restore(() => PlantedDivergence.Value = previous);
    }

    sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public string Name { get; }
    public ModelOptions Options { get; }
    TestGeneratorOptions Settings => (TestGeneratorOptions)Options;
    public long[] InputShape { get; }
    public Device Device { get; }
    public IReadOnlyDictionary<string, Tensor> State { get; }
    public IReadOnlyDictionary<string, Tensor> TrainingState { get; } = new Dictionary<string, Tensor>();

    public Tensor Sample(long count, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var noise = randn([count, _mean.shape[0]], generator: generator, device: Device);
        return (_mean + noise * Settings.Spread).reshape([count, .. InputShape]).MoveToOuterDisposeScope();
    }

    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        using var noGrad = no_grad();
        var x = batch.Features.reshape(batch.Features.shape[0], -1);
        double loss = (x - _mean).square().mean().item<float>();
        _mean.mul_(0.5).add_(x.mean([0]), alpha: 0.5);
        if (PlantedDivergence.Value is { } from && context.Step + 1 >= from) loss = double.NaN;
        return new Dictionary<string, double> { ["loss"] = loss };
    }

    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = data.ReadBatch(arange(data.Count, dtype: ScalarType.Int64), Device).Features.reshape(data.Count, -1);
        return new Dictionary<string, double> { ["loss"] = (x - _mean).square().mean().item<float>() };
    }

    public void Dispose() => _mean.Dispose();
}
