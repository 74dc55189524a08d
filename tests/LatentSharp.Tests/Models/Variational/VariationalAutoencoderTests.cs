using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Variational;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Variational;

public class VariationalAutoencoderTests
{
    static VariationalAutoencoder Create(VariationalAutoencoderOptionsBase? options = null, long[]? shape = null, long seed = 1) =>
        (VariationalAutoencoder)ModelCatalog.Create(options is ConvolutionalVariationalAutoencoderOptions ? "conv-vae" : "vae",
            options ?? new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3 }, shape ?? [1, 8, 8], CPU, seed);

    static Dataset Repeated(Dataset data, int times) =>
        new(data.Name, data.Features.repeat(times, 1, 1, 1));

    [Fact]
    public void MonteCarloKl_UnderAOneComponentMixture_MatchesTheAnalyticKl()
    {
        // mixture:1,radius=0,std=1 is N(0, I) with its density evaluated by the general path (one-sample
        // log q − log p); same seed, same weights: the KL and ELBO agree in expectation.
        var analytic = Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3 });
        var sampled = Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Prior = "mixture:1,radius=0,std=1" });
        var data = Repeated(TestData.LowRankImages(8), 500);
        using var g1 = new Generator(2);
        using var g2 = new Generator(2);
        var a = analytic.Evaluate(data, new TrainingContext(g1, 1000));
        var s = sampled.Evaluate(data, new TrainingContext(g2, 1000));
        Assert.Equal(a[MetricKeys.Reconstruction], s[MetricKeys.Reconstruction], 3);   // same draws, same weights
        Assert.InRange(s[MetricKeys.KL], a[MetricKeys.KL] - 0.03, a[MetricKeys.KL] + 0.03);
        Assert.InRange(s[VariationalAutoencoder.ElboKey], a[VariationalAutoencoder.ElboKey] - 0.03, a[VariationalAutoencoder.ElboKey] + 0.03);
    }

    [Fact]
    public void Loss_IsReconstructionPlusBetaTimesKl_WithBetaFromItsSchedule()
    {
        var data = TestData.LowRankImages(32);
        var batch = new Batch(data.Features, null);
        var warm = Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Beta = Schedule.Linear(0, 1) });
        using var g1 = new Generator(1);
        var atStart = warm.TrainStep(batch, new TrainingContext(g1, 32, totalSteps: 10));
        Assert.Equal(atStart[MetricKeys.Reconstruction], atStart[MetricKeys.Loss], 4);          // β = 0 at step 0
        var heavy = Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Beta = 2.0 });
        using var g2 = new Generator(1);
        var figures = heavy.TrainStep(batch, new TrainingContext(g2, 32));
        Assert.Equal(figures[MetricKeys.Reconstruction] + 2 * figures[MetricKeys.KL], figures[MetricKeys.Loss], 3);
        Assert.Equal(-(figures[MetricKeys.Reconstruction] + figures[MetricKeys.KL]), figures[VariationalAutoencoder.ElboKey], 3);
    }

    [Fact]
    public void Kinds_ElboIsABound_AndTheLossOnlyAtBetaOne()
    {
        Assert.Equal(MetricKind.Bound, Create().KindOf(MetricKeys.Loss));
        Assert.Equal(MetricKind.Bound, Create().KindOf(VariationalAutoencoder.ElboKey));
        Assert.Equal(MetricKind.Proxy, Create().KindOf(MetricKeys.KL));
        var warm = Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Beta = Schedule.Linear(0, 1) });
        Assert.Equal(MetricKind.Proxy, warm.KindOf(MetricKeys.Loss));
        Assert.Equal(MetricKind.Bound, warm.KindOf(VariationalAutoencoder.ElboKey));
    }

    [Theory]
    [InlineData("swiss-roll", "can only be sampled")]
    [InlineData("uniform:-1,1", "bounded support")]
    [InlineData("cauchy", "unknown prior")]
    public void PriorWithoutAUsableDensity_IsRefusedWithTheReason(string prior, string reason)
    {
        var options = new VariationalAutoencoderOptions { CodeSize = 2, Prior = prior };
        var error = Assert.Throws<InvalidOptionException>(options.Validate);
        Assert.Equal(nameof(VariationalAutoencoderOptions.Prior), error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Training_RaisesTheElbo()
    {
        var model = Create(new VariationalAutoencoderOptions { HiddenSizes = [32], CodeSize = 3, LearningRate = 1e-2 });
        var data = TestData.LowRankImages(96);
        var result = new Trainer(new TrainerOptions { Epochs = 10, BatchSize = 32, Seed = 1 }).Fit(model, data);
        Assert.True(result.Records[^1].Values["train.elbo"] > result.Records[0].Values["train.elbo"] + 1);
    }

    [Fact]
    public void Binarize_ThresholdsEveryInputAtOneHalf_AndLetsTheBernoulliDecoderTakeAnyRange()
    {
        var model = Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Binarize = true });
        var x = TestData.LowRankImages(16).Features;
        Assert.True(TestData.Same(model.Encode(x), model.Encode(x.gt(0.5).to(ScalarType.Float32))));
        var wide = new Dataset("wide", x * 3 - 1);
        DataChecks.Check(model, wide);
        Assert.Throws<ArgumentException>(() => DataChecks.Check(Create(), wide));
        DataChecks.Check(Create(new VariationalAutoencoderOptions { HiddenSizes = [16], Likelihood = DecoderLikelihood.Gaussian }), wide);
    }

    [Fact]
    public void LearnedDecoderStd_StartsAtTheFixedOne_AndIsLearned()
    {
        var options = new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 3, Likelihood = DecoderLikelihood.Gaussian, DecoderStd = 0.3 };
        var fixedStd = Create(options);
        var learned = Create(options with { LearnDecoderStd = true });
        var data = TestData.LowRankImages(32);
        using var g1 = new Generator(1);
        using var g2 = new Generator(1);
        Assert.Equal(fixedStd.Evaluate(data, new TrainingContext(g1, 32))[MetricKeys.Loss], learned.Evaluate(data, new TrainingContext(g2, 32))[MetricKeys.Loss], 2);
        var before = learned.State["decoder_log_std"].clone();
        new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 32, Seed = 1 }).Fit(learned, data);
        Assert.False(TestData.Same(before, learned.State["decoder_log_std"]));
        Assert.False(fixedStd.State.ContainsKey("decoder_log_std"));
    }

    [Fact]
    public void Sample_IsReproducibleBySeed_AndGivesProbabilities()
    {
        var model = Create();
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        var a = model.Sample(5, g1);
        Assert.Equal([5, 1, 8, 8], a.shape);
        Assert.True(TestData.Same(a, model.Sample(5, g2)));
        Assert.InRange(a.min().item<float>(), 0f, 1f);
        Assert.InRange(a.max().item<float>(), 0f, 1f);
    }

    [Fact]
    public void ConvolutionalVae_EncodesReconstructsAndSamplesImages()
    {
        var model = Create(new ConvolutionalVariationalAutoencoderOptions { Channels = [4, 8], CodeSize = 3 });
        var x = TestData.LowRankImages(4).Features;
        Assert.Equal([4, 3], model.Encode(x).shape);
        Assert.Equal([4, 1, 8, 8], model.Reconstruct(x).shape);
        Assert.Equal([2, 1, 8, 8], model.Sample(2, new Generator(1)).shape);
    }

    [Fact]
    public void Pictures_TraversalsAlways_ManifoldForATwoDimensionalCode()
    {
        using var dir = TestData.TempDir();
        var data = TestData.LowRankImages(16);
        var flat = RunPictures.DrawPictures(Create(new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 2 }), new PictureContext(dir.Path, data));
        Assert.Contains(flat, f => f.Name == "traversals.png");
        Assert.Contains(flat, f => f.Name == "manifold.png");
        Assert.Contains(flat, f => f.Name == RunPictures.SamplesFile);
        Assert.Contains(flat, f => f.Name == RunPictures.ReconstructionsFile);
        Assert.True(File.Exists(dir.File("manifold.png")));
        using var other = TestData.TempDir();
        var three = RunPictures.DrawPictures(Create(), new PictureContext(other.Path, data));
        Assert.Contains(three, f => f.Name == "traversals.png");
        Assert.DoesNotContain(three, f => f.Name == "manifold.png");
    }

    [Fact]
    public void Quantiles_OfTheStandardGaussian_AreTheNormalOnes()
    {
        var q = LatentSharp.Visualization.DecodedManifold.Quantiles(new LatentSharp.Layers.Priors.StandardGaussianPrior(2), [0.025, 0.5, 0.975]).data<float>().ToArray();
        Assert.InRange(q[0], -2.05, -1.87);
        Assert.InRange(q[1], -0.04, 0.04);
        Assert.InRange(q[2], 1.87, 2.05);
    }
}
