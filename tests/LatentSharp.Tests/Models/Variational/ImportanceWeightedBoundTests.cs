using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Models.Variational;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Variational;

public class ImportanceWeightedBoundTests
{
    [Fact]
    public void ExactPosterior_GivesLogLikelihoodForEveryK()
    {
        // q = p(z|x) makes every importance weight p(x): IWAE-k = log p(x) exactly.
        using var model = LinearGaussianVae.Create();
        var data = LinearGaussianVae.Data(20);
        var exact = LinearGaussianVae.LogLikelihood(data);
        using var generator = new Generator(1);
        foreach (int k in new[] { 1, 7 })
        {
            var bounds = ImportanceWeightedEstimator.Bounds(model, data, data.Count, k, generator);
            for (int i = 0; i < exact.Length; i++) Assert.Equal(exact[i], bounds[i], 3);
        }
    }

    [Fact]
    public void ShiftedPosterior_BoundRisesWithK_TowardsAndBelowLogLikelihood()
    {
        const double meanShift = 0.5, logVarianceShift = 0.7;
        using var model = LinearGaussianVae.Create(meanShift, logVarianceShift);
        var data = LinearGaussianVae.Data(200);
        double exact = LinearGaussianVae.LogLikelihood(data).Average();
        var means = new List<double>();
        foreach (int k in new[] { 1, 10, 100, 1000 })
        {
            using var generator = new Generator(2);
            means.Add(ImportanceWeightedEstimator.Bounds(model, data, data.Count, k, generator).Average());
        }
        for (int i = 1; i < means.Count; i++) Assert.True(means[i] > means[i - 1], $"IWAE-k fell: {string.Join(", ", means)}");
        // Below log p(x) in expectation: the smaller k, the clearer; IWAE-1000 is within Monte Carlo noise of it.
        Assert.All(means.Take(3), m => Assert.True(m < exact, $"IWAE-k {m} above log p(x) {exact}"));
        Assert.True(Math.Abs(exact - means[^1]) < 0.02, $"IWAE-1000 {means[^1]} far from log p(x) {exact}");
        // IWAE-1 is the one-sample ELBO: log p(x) − KL(q ‖ p(z|x)) in expectation.
        double gap = LinearGaussianVae.PosteriorGap(meanShift, logVarianceShift);
        Assert.InRange(means[0], exact - gap - 0.25, exact - gap + 0.25);   // ±3 standard errors over 200 points
    }

    [Fact]
    public void IwaeOne_EqualsTheTrainingElbo_InExpectation()
    {
        // The model's elbo figure (analytic KL, one-sample reconstruction) and IWAE-1 estimate the same number.
        const double meanShift = 0.5, logVarianceShift = 0.7;
        using var model = LinearGaussianVae.Create(meanShift, logVarianceShift);
        var data = LinearGaussianVae.Data(4000);
        using var g1 = new Generator(3);
        double elbo = model.Evaluate(data, new TrainingContext(g1, 1000))[VariationalAutoencoder.ElboKey];
        using var g2 = new Generator(3);
        var iwae = ImportanceWeightedEstimator.Bounds(model, data, data.Count, 1, g2);
        double expected = LinearGaussianVae.LogLikelihood(data).Average() - LinearGaussianVae.PosteriorGap(meanShift, logVarianceShift);
        Assert.InRange(elbo, expected - 0.1, expected + 0.1);              // ±3 standard errors over 4,000 points
        Assert.InRange(iwae.Average(), expected - 0.1, expected + 0.1);
        Assert.True(Math.Abs(elbo - iwae.Average()) < 0.06, $"elbo {elbo} vs IWAE-1 {iwae.Average()}");
    }

    [Fact]
    public void BernoulliVae_BoundIsNonDecreasingInK()
    {
        // Trained a little, so that q(z|x) depends on x and the gaps between k are well above the noise.
        var options = new VariationalAutoencoderOptions { HiddenSizes = [16], CodeSize = 2, LearningRate = 1e-2 };
        using var model = (VariationalAutoencoder)ModelCatalog.Create("vae", options, [1, 8, 8], CPU, seed: 3);
        var data = TestData.LowRankImages(96);
        using (var training = new Generator(1))
        {
            var context = new TrainingContext(training, 96);
            for (int step = 0; step < 30; step++) { using var scope = NewDisposeScope(); model.TrainStep(new Batch(data.Features, null), context); }
        }
        var means = new[] { 1, 8, 64 }.Select(k =>
        {
            using var generator = new Generator(4);
            return ImportanceWeightedEstimator.Bounds(model, data, 48, k, generator).Average();
        }).ToArray();
        Assert.True(means[0] < means[1] && means[1] < means[2], string.Join(", ", means));
    }

    [Fact]
    public void Estimator_ReportsNatsAndBitsPerDim_AsABound_OnTheFirstSamples()
    {
        using var model = LinearGaussianVae.Create();
        var data = LinearGaussianVae.Data(50);
        var estimator = EstimatorCatalog.Create("iwae:k=4,limit=10");
        Assert.Equal("iwae:k=4,limit=10", estimator.Spec);
        using var generator = new Generator(1);
        var figures = estimator.Estimate(model, new EstimationContext(data, null, generator));
        double exact = LinearGaussianVae.LogLikelihood(data).Take(10).Average();
        var nats = Assert.Single(figures, f => f.Metric == "iwae.log_likelihood");
        var bits = Assert.Single(figures, f => f.Metric == "iwae.bits_per_dim");
        Assert.Equal(exact, nats.Value, 3);
        Assert.Equal(-exact / (3 * Math.Log(2)), bits.Value, 3);
        Assert.All(figures, f => Assert.Equal(MetricKind.Bound, f.Kind));
        Assert.NotNull(nats.StandardError);
    }

    [Fact]
    public void Estimator_LargeK_IsSplitIntoPasses_WithTheSameResultAsTheWholeSet()
    {
        // k above RowsPerPass is drawn in several calls; every figure is still a finite bound below log p(x).
        using var model = LinearGaussianVae.Create(0.3, 0.2);
        var data = LinearGaussianVae.Data(2);
        using var generator = new Generator(1);
        var bounds = ImportanceWeightedEstimator.Bounds(model, data, 2, ImportanceWeightedEstimator.RowsPerPass + 5, generator);
        var exact = LinearGaussianVae.LogLikelihood(data);
        for (int i = 0; i < 2; i++) Assert.InRange(bounds[i], exact[i] - 0.01, exact[i] + 1e-6);
    }

    [Fact]
    public void Estimator_RefusesAModelWithoutImportanceWeights()
    {
        using var autoencoder = ModelCatalog.Create("autoencoder", null, [1, 8, 8], CPU, seed: 1);
        var error = Assert.Throws<EstimatorException>(() =>
            EstimatorCatalog.Create("iwae").Estimate(autoencoder, new EstimationContext(TestData.LowRankImages(4), null, new Generator(1))));
        Assert.Contains("IImportanceWeighted", error.Message);
    }
}
