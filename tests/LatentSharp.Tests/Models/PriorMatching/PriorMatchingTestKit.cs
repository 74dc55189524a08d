using LatentSharp.Data;
using LatentSharp.Layers.Kernels;
using LatentSharp.Layers.Priors;
using LatentSharp.Models;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.PriorMatching;

/// <summary>Planted data, small models and the code-to-prior distance the prior-matching tests share.</summary>
internal static class PriorMatchingTestKit
{
    /// <summary>
    /// Samples of 8 values in (0, 1) made from 2 latent factors and a class: x = sigmoid(W·u + b_class),
    /// u ~ N(0, I₂); class c of <paramref name="classes"/> shifts every value by its own offset b_c.
    /// </summary>
    public static Dataset Planted(long count, int classes, ulong seed, double classShift = 2.0)
    {
        using var generator = new Generator(seed);
        using var scope = NewDisposeScope();
        var factors = randn([count, 2], generator: generator);
        var mixing = randn([2, 8], generator: new Generator(100));
        var offsets = randn([classes, 8], generator: new Generator(101)) * classShift;
        var labels = randint(classes, [count], generator: generator, dtype: ScalarType.Int64);
        var features = (factors.matmul(mixing) + offsets.index_select(0, labels)).sigmoid().to(ScalarType.Float32);
        return new Dataset("planted", features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Small dense options shared by every model a test compares: one hidden layer of 32, 2-D code, Adam 3e-3 for every network.</summary>
    public static TOptions Small<TOptions>(TOptions options) where TOptions : PriorMatchingOptions
    {
        var small = options with { HiddenSizes = [32], CodeSize = 2, DiscriminatorHiddenSizes = [32], LearningRate = Schedule.Constant(3e-3), DiscriminatorLearningRate = Schedule.Constant(3e-3) };
        return small is AdversarialAutoencoderOptions aae ? (TOptions)(object)(aae with { GeneratorLearningRate = Schedule.Constant(3e-3) }) : small;
    }

    /// <summary>Builds catalogue entry <paramref name="name"/> with <paramref name="options"/> for 8-value samples.</summary>
    public static T Create<T>(string name, ModelOptions options, long seed = 1) where T : IModel =>
        (T)ModelCatalog.Create(name, options, [8], CPU, seed);

    /// <summary>Trains <paramref name="model"/> on <paramref name="data"/> for <paramref name="epochs"/> epochs of batches of 32.</summary>
    public static void Train(ITrainable model, Dataset data, int epochs) =>
        new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 3 }).Fit(model, data);

    /// <summary>Unbiased MMD² (IMQ, C = 2·d) between the codes of <paramref name="data"/> and as many samples of <paramref name="prior"/>.</summary>
    public static double CodeMmd(IEncoder encoder, Dataset data, ILatentPrior prior)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(77);
        var codes = encoder.Encode(data.Features).to(ScalarType.Float64);
        var samples = prior.Sample(codes.shape[0], random).to(ScalarType.Float64);
        return Mmd.Squared(codes, samples, new InverseMultiquadraticKernel(2 * prior.Dimensions)).item<double>();
    }
}
