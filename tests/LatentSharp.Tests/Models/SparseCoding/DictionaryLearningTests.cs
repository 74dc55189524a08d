using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.SparseCoding;

public class DictionaryLearningTests
{
    static DictionaryLearning Create(DictionaryLearningOptions options, long features, long seed = 1) =>
        (DictionaryLearning)ModelCatalog.Create("dictionary-learning", options, [features], CPU, seed);

    [Theory]
    [InlineData(SparseCodingAlgorithm.CoordinateDescent)] // full batch: one iteration per epoch
    [InlineData(SparseCodingAlgorithm.Fista)]
    public void Recovers_a_planted_dictionary_up_to_sign_and_order(SparseCodingAlgorithm algorithm)
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(1000, features: 16, atoms: 20, nonZeros: 3, noise: 0.01);
        using var _t = truth;
        using var data = new Dataset("planted", samples);
        using var model = Create(new DictionaryLearningOptions { Atoms = 20, Lambda = 0.1, Algorithm = algorithm, DictionaryPasses = 3 }, 16);
        var result = new Trainer(new TrainerOptions { Epochs = 80, BatchSize = 1000, Seed = 4 }).Fit(model, data);
        double match = SparseCodingTestData.MatchedAbsCosine(truth, model.Dictionary);
        Assert.True(match > 0.95, $"mean matched |cos| = {match:F3}");
        Assert.True(result.History[^1]["train.loss"] < result.History[0]["train.loss"]);
        using var norms = model.Dictionary.norm(1);
        Assert.True(norms.le(1 + 1e-5).all().item<bool>(), "atoms must stay in the unit ball");
    }

    [Fact]
    public void Resumed_mid_training_equals_the_uninterrupted_run()
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(600, features: 16, atoms: 20, nonZeros: 3, noise: 0.05);
        truth.Dispose();
        using var data = new Dataset("planted", samples);
        var trainer = new TrainerOptions { Epochs = 3, BatchSize = 50, Seed = 2, CheckpointEverySteps = 5 };
        var options = new DictionaryLearningOptions { Atoms = 20, Lambda = 0.1 };
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        using var uninterrupted = Create(options, 16);
        new Trainer(trainer, dirA.Path).Fit(uninterrupted, data);
        using (var crashing = Create(options, 16))
        {
            var progress = new Crash(17);
            Assert.Throws<InvalidOperationException>(() => new Trainer(trainer, dirB.Path, progress).Fit(crashing, data));
        }
        using var resumed = Create(options, 16, seed: 77);
        new Trainer(trainer, dirB.Path).Fit(resumed, data, resume: true);
        Assert.True(TestData.Same(uninterrupted.Dictionary, resumed.Dictionary), $"max diff {(uninterrupted.Dictionary - resumed.Dictionary).abs().max().ToDouble()}");
        Assert.True(TestData.Same(uninterrupted.TrainingState["a"], resumed.TrainingState["a"]));
    }

    [Fact]
    public void Encodes_and_reconstructs_with_the_learned_atoms()
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(50, features: 16, atoms: 20, nonZeros: 3);
        using var _t = truth; using var _s = samples;
        using var model = Create(new DictionaryLearningOptions { Atoms = 20, Lambda = 0.05 }, 16);
        model.Dictionary.copy_(truth);
        using var codes = model.Encode(samples);
        using var reconstruction = model.Reconstruct(samples);
        Assert.Equal(new long[] { 50, 20 }, codes.shape);
        Assert.Equal(samples.shape, reconstruction.shape);
        using var expected = codes.mm(truth);
        Assert.True((reconstruction - expected).abs().max().item<float>() < 1e-5);
        // Sparse and close: a few non-zeros per code, small residual relative to the data.
        Assert.True(codes.ne(0).sum(1).to(ScalarType.Float32).mean().item<float>() < 6);
        Assert.True((reconstruction - samples).norm().item<float>() < 0.1 * samples.norm().item<float>());
    }

    [Fact]
    public void Options_are_refused_naming_the_field()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new DictionaryLearningOptions { Lambda = 0 }.Validate());
        Assert.Equal("Lambda", e.Field);
        e = Assert.Throws<InvalidOptionException>(() => new DictionaryLearningOptions { Lambda = -1 }.Validate());
        Assert.Equal("Lambda", e.Field);
        e = Assert.Throws<InvalidOptionException>(() => ModelCatalog.Create("dictionary-learning", new DictionaryLearningOptions { Atoms = 0 }, [4], CPU, 1));
        Assert.Equal("Atoms", e.Field);
    }

    sealed class Crash(long atStep) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == atStep) throw new InvalidOperationException("simulated kill");
        }
    }
}
