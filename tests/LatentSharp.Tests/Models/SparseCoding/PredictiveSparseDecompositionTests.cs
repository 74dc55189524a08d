using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.SparseCoding;

public class PredictiveSparseDecompositionTests
{
    static PredictiveSparseDecomposition Create(PredictiveSparseDecompositionOptions options, long features, long seed = 1) =>
        (PredictiveSparseDecomposition)ModelCatalog.Create("psd", options, [features], CPU, seed);

    static readonly PredictiveSparseDecompositionOptions Small = new() { Atoms = 20, Lambda = 0.1, DictionaryStep = 1.0, EncoderLearningRate = 1e-2 };

    [Theory]
    [InlineData(PsdSquashing.Tanh)]
    [InlineData(PsdSquashing.Shrink)]
    public void Training_lowers_the_energy_and_the_encoder_learns_to_predict_the_codes(PsdSquashing squashing)
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(1200, features: 16, atoms: 20, nonZeros: 3, noise: 0.01);
        using var _t = truth;
        using var all = new Dataset("planted", samples);
        using var train = all.Take(1000);
        using var heldOut = new Dataset("held-out", samples.narrow(0, 1000, 200).clone());
        using var model = Create(Small with { Squashing = squashing }, 16);
        var result = new Trainer(new TrainerOptions { Epochs = 15, BatchSize = 100, Seed = 4 }).Fit(model, train, heldOut, "test");

        var first = result.History[0];
        var last = result.History[^1];
        Assert.True(last["train.loss"] < 0.6 * first["train.loss"], $"energy {first["train.loss"]:F4} -> {last["train.loss"]:F4}");
        Assert.True(last["test.loss"] < first["test.loss"]);
        // The atoms move towards the planted ones (single gradient steps are slower than BCD) and stay unit norm.
        double match = SparseCodingTestData.MatchedAbsCosine(truth, model.Dictionary);
        Assert.True(match > 0.8, $"mean matched |cos| = {match:F3}");
        using var norms = model.Dictionary.norm(1);
        Assert.True((norms - 1).abs().max().item<float>() < 1e-4);

        // On held-out samples the one-pass codes come close to the iterative codes' lasso objective and point the same way.
        using var scope = NewDisposeScope();
        var fast = model.Encode(heldOut.Features);
        using var coder = model.CreateCoder();
        var exact = coder.Encode(heldOut.Features);
        double fastObjective = model.LassoObjective(heldOut.Features, fast).mean().ToDouble();
        double exactObjective = model.LassoObjective(heldOut.Features, exact).mean().ToDouble();
        double zeroObjective = model.LassoObjective(heldOut.Features, zeros_like(exact)).mean().ToDouble();
        Assert.True(fastObjective >= exactObjective - 1e-4, "the lasso codes are optimal");
        Assert.True(fastObjective - exactObjective < 0.1 * (zeroObjective - exactObjective),
            $"encoder {fastObjective:F4}, exact {exactObjective:F4}, zero codes {zeroObjective:F4}");
        double cosine = nn.functional.cosine_similarity(fast, exact, 1).mean().ToDouble();
        Assert.True(cosine > 0.9, $"mean cos(encoder codes, lasso codes) = {cosine:F3}");
    }

    [Fact]
    public void The_untrained_shrink_encoder_gives_one_ista_step_and_beats_zero_codes_on_coherent_atoms()
    {
        // All-positive samples make coherent atoms, as images do: W = D alone would overshoot badly.
        using var samples = rand(300, 32, generator: new Generator(9));
        using var data = new Dataset("positive", samples.clone());
        using var model = Create(Small with { Squashing = PsdSquashing.Shrink, Atoms = 24 }, 32);
        model.InitializeFromData(data, new TrainingContext(new Generator(5), 100));
        using var scope = NewDisposeScope();
        var d = model.Dictionary;
        double lipschitz = linalg.eigvalsh(d.mm(d.t())).max().ToDouble();
        var correlation = samples.mm(d.t()) / lipschitz;
        var oneStep = correlation.sign() * nn.functional.relu(correlation.abs() - Small.Lambda / lipschitz);
        var codes = model.Encode(samples);
        Assert.True(codes.allclose(oneStep, rtol: 1e-4, atol: 1e-5), "F(x) is not one ISTA step from zero");
        double encoder = model.LassoObjective(samples, codes).mean().ToDouble();
        double zero = model.LassoObjective(samples, zeros_like(codes)).mean().ToDouble();
        Assert.True(encoder < zero, $"untrained encoder {encoder:F3} vs zero codes {zero:F3}");
    }

    [Fact]
    public void Inference_lowers_the_energy_from_the_encoders_prediction()
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(200, features: 16, atoms: 20, nonZeros: 3);
        using var _t = truth; using var _s = samples;
        using var model = Create(Small with { Alpha = 0.5 }, 16);
        using var data = new Dataset("planted", samples.clone());
        model.InitializeFromData(data, new TrainingContext(new Generator(5), 100));
        using var prediction = model.Encode(samples);
        using var inferred = model.Infer(samples, maxIterations: 200);
        using var before = model.Energy(samples, prediction);
        using var after = model.Energy(samples, inferred);
        Assert.True(after.le(before + 1e-5).all().item<bool>(), "FISTA from the prediction never ends above it");
        Assert.True(after.mean().item<float>() < 0.9 * before.mean().item<float>());
        Assert.Equal(new long[] { 200, 20 }, inferred.shape);
    }

    [Fact]
    public void Save_and_load_round_trip_keeps_the_encoder_and_the_atoms()
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(300, features: 16, atoms: 20, nonZeros: 3, noise: 0.05);
        truth.Dispose();
        using var data = new Dataset("planted", samples);
        using var model = Create(Small, 16);
        new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 50, Seed = 2 }).Fit(model, data);
        using var dir = TestData.TempDir();
        var path = Path.Combine(dir.Path, "psd.safetensors");
        ModelFile.Save(model, path);
        using var loaded = (PredictiveSparseDecomposition)ModelFile.Load(path);
        Assert.Equal(model.Options, loaded.Options);
        using var a = model.Encode(samples);
        using var b = loaded.Encode(samples);
        Assert.True(TestData.Same(a, b));
        Assert.True(TestData.Same(model.Dictionary, loaded.Dictionary));
        using var ra = model.Infer(samples);
        using var rb = loaded.Infer(samples);
        Assert.True(TestData.Same(ra, rb));
    }

    [Fact]
    public void Resumed_mid_training_equals_the_uninterrupted_run()
    {
        var (truth, _, samples) = SparseCodingTestData.Planted(400, features: 16, atoms: 20, nonZeros: 3, noise: 0.05);
        truth.Dispose();
        using var data = new Dataset("planted", samples);
        var trainer = new TrainerOptions { Epochs = 3, BatchSize = 50, Seed = 2, CheckpointEverySteps = 5 };
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        using var uninterrupted = Create(Small, 16);
        new Trainer(trainer, dirA.Path).Fit(uninterrupted, data);
        using (var crashing = Create(Small, 16))
            Assert.Throws<InvalidOperationException>(() => new Trainer(trainer, dirB.Path, new Crash(13)).Fit(crashing, data));
        using var resumed = Create(Small, 16, seed: 77);
        new Trainer(trainer, dirB.Path).Fit(resumed, data, resume: true);
        foreach (var (name, tensor) in uninterrupted.State)
            Assert.True(TestData.Same(tensor, resumed.State[name]), name);
        Assert.True(TestData.Same(uninterrupted.TrainingState["adam.encoder.weight.exp_avg"], resumed.TrainingState["adam.encoder.weight.exp_avg"]));
    }

    [Fact]
    public void Options_are_refused_naming_the_field()
    {
        Assert.Equal("Alpha", Assert.Throws<InvalidOptionException>(() => new PredictiveSparseDecompositionOptions { Alpha = -1 }.Validate()).Field);
        Assert.Equal("Lambda", Assert.Throws<InvalidOptionException>(() => new PredictiveSparseDecompositionOptions { Lambda = 0 }.Validate()).Field);
        Assert.Equal("DictionaryStep", Assert.Throws<InvalidOptionException>(() => new PredictiveSparseDecompositionOptions { DictionaryStep = 2 }.Validate()).Field);
        Assert.Equal("EncoderLearningRate", Assert.Throws<InvalidOptionException>(() => new PredictiveSparseDecompositionOptions { EncoderLearningRate = 0 }.Validate()).Field);
        Assert.Equal("Squashing", Assert.Throws<InvalidOptionException>(() => new PredictiveSparseDecompositionOptions { Squashing = (PsdSquashing)9 }.Validate()).Field);
        Assert.Equal("Atoms", Assert.Throws<InvalidOptionException>(() => ModelCatalog.Create("psd", new PredictiveSparseDecompositionOptions { Atoms = 0 }, [4], CPU, 1)).Field);
        using var model = Create(Small, 16);
        Assert.Throws<ArgumentException>(() => model.Encode(zeros(3, 15)));
    }

    sealed class Crash(long atStep) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == atStep) throw new InvalidOperationException("simulated kill");
        }
    }
}
