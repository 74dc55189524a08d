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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BernoulliLogWeights_MatchAHandComputation_ForPlantedWeights(bool binarize)
    {
        // One linear layer each way (no hidden layers), weights planted; inputs in [0, 1], not only 0 and 1,
        // and one logit past softplus's linear threshold (20). The log weights are recomputed here in doubles
        // from the same noise: log p(x|z) = Σ x·l − log(1 + eˡ), log p(z) and log q(z|x) Gaussian.
        var options = new VariationalAutoencoderOptions { HiddenSizes = [], CodeSize = 2, Binarize = binarize };
        using var model = (VariationalAutoencoder)ModelCatalog.Create("vae", options, [3], CPU, seed: 1);
        float[] encoderWeight = [0.5f, -1, 2, 1, 0.3f, -0.7f, 0.2f, -0.4f, 0.1f, -0.3f, 0.6f, 0.2f], encoderBias = [0.1f, -0.2f, -0.5f, 0.3f];
        float[] decoderWeight = [1.5f, -2, 0.7f, 0.4f, -1, 3], decoderBias = [0.2f, 21, -0.6f];
        using (no_grad())
        {
            model.State["encoder.0.weight"].copy_(tensor(encoderWeight, [4, 3]));
            model.State["encoder.0.bias"].copy_(tensor(encoderBias));
            model.State["decoder.0.weight"].copy_(tensor(decoderWeight, [3, 2]));
            model.State["decoder.0.bias"].copy_(tensor(decoderBias));
        }
        float[] inputs = [0.2f, 0.9f, 0.6f, 1, 0, 0.3f];
        const int k = 5;
        using var generator = new Generator(7);
        var weights = model.LogImportanceWeights(tensor(inputs, [2, 3]), k, generator).data<double>().ToArray();
        using var sameNoise = new Generator(7);
        var noise = randn([2, k, 2], generator: sameNoise).data<float>().ToArray();

        double halfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
        for (int b = 0; b < 2; b++)
        {
            var x = inputs.Skip(3 * b).Take(3).Select(v => binarize ? (v > 0.5f ? 1.0 : 0.0) : v).ToArray();
            var encoded = Enumerable.Range(0, 4).Select(r => encoderBias[r] + Enumerable.Range(0, 3).Sum(j => encoderWeight[r * 3 + j] * x[j])).ToArray();
            for (int i = 0; i < k; i++)
            {
                var eps = new[] { (double)noise[(b * k + i) * 2], noise[(b * k + i) * 2 + 1] };
                var z = new[] { encoded[0] + Math.Exp(0.5 * encoded[2]) * eps[0], encoded[1] + Math.Exp(0.5 * encoded[3]) * eps[1] };
                double logLikelihood = 0;
                for (int d = 0; d < 3; d++)
                {
                    double logit = decoderBias[d] + decoderWeight[d * 2] * z[0] + decoderWeight[d * 2 + 1] * z[1];
                    logLikelihood += x[d] * logit - Math.Log(1 + Math.Exp(logit));
                }
                double logPrior = -0.5 * (z[0] * z[0] + z[1] * z[1]) - 2 * halfLogTwoPi;
                double logPosterior = -0.5 * (eps[0] * eps[0] + eps[1] * eps[1]) - 0.5 * (encoded[2] + encoded[3]) - 2 * halfLogTwoPi;
                double expected = logLikelihood + logPrior - logPosterior;
                Assert.InRange(weights[b * k + i], expected - 2e-4, expected + 2e-4);   // float32 arithmetic on values of order 10
            }
        }
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
