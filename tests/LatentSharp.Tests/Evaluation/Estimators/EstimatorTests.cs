using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation.Estimators;

public class EstimatorTests
{
    static IReadOnlyList<MetricValue> Run(string spec, IModel model, IBatchSource data, IBatchSource? train = null, long seed = 1)
    {
        using var generator = new Generator((ulong)seed);
        return EstimatorCatalog.Create(spec).Estimate(model, new EstimationContext(data, train, generator, BatchSize: 7));
    }

    static MetricValue Single(IReadOnlyList<MetricValue> values, string metric) => Assert.Single(values, v => v.Metric == metric);

    [Fact]
    public void Probe_and_knn_score_perfectly_separated_codes_as_one()
    {
        using var train = PlantedData.Separated(60, 1);
        using var test = PlantedData.Separated(40, 2);
        using var model = new FlatteningEncoder([2]);
        var probe = Single(Run("probe:epochs=5", model, test, train), "probe.accuracy");
        Assert.Equal(1.0, probe.Value);
        Assert.Equal(MetricKind.Exact, probe.Kind);
        var knn = Single(Run("knn:k=3", model, test, train), "knn.accuracy");
        Assert.Equal((1.0, MetricKind.Exact), (knn.Value, knn.Kind));
    }

    [Fact]
    public void Probe_and_knn_on_shuffled_labels_fall_to_chance()
    {
        // The same codes with labels unrelated to them: nothing to learn, so the accuracy is near 0.5, not 1.
        using var train = PlantedData.Separated(200, 1);
        using var test = PlantedData.Separated(200, 2);
        using var generator = new Generator(3);
        using var noise = new Dataset("noise", test.Features.clone(), randint(2, [200], generator: generator).to(ScalarType.Int64));
        using var model = new FlatteningEncoder([2]);
        Assert.InRange(Single(Run("probe:epochs=5", model, noise, train), "probe.accuracy").Value, 0.35, 0.65);
        Assert.InRange(Single(Run("knn", model, noise, train), "knn.accuracy").Value, 0.35, 0.65);
    }

    [Fact]
    public void Probe_needs_labels_and_a_training_split()
    {
        using var images = PlantedData.BinaryImages(10, 1);
        using var train = PlantedData.Separated(10, 1);
        using var model = new FlatteningEncoder([1, 4, 4]);
        Assert.Contains("has no labels", Assert.Throws<EstimatorException>(() => Run("probe", model, images, images)).Message);
        using var separated = new FlatteningEncoder([2]);
        Assert.Contains("training split", Assert.Throws<EstimatorException>(() => Run("knn", separated, train)).Message);
        Assert.Contains("more than the 10 training samples", Assert.Throws<EstimatorException>(() => Run("knn:k=11", separated, train, train)).Message);
    }

    [Fact]
    public void Reconstruction_of_an_identity_model_is_zero_and_bce_is_left_out_off_the_unit_range()
    {
        using var images = PlantedData.BinaryImages(20, 1);
        using var model = new IdentityReconstructor([1, 4, 4]);
        var values = Run("reconstruction", model, images);
        Assert.Equal(0.0, Single(values, "reconstruction.squared_error").Value);
        // Binary data reconstructed exactly: BCE is only what the 1e-7 clipping costs, 16 · 1e-7 nats at most.
        var bce = Single(values, "reconstruction.bce");
        Assert.InRange(bce.Value, 0, 16 * 1.1e-7);
        Assert.All(values, v => Assert.Equal(MetricKind.Proxy, v.Kind));

        using var shifted = new Dataset("shifted", images.Features + 1);
        using var halving = new HalvingReconstructor([1, 4, 4]);
        var offRange = Run("reconstruction", halving, shifted);
        Assert.DoesNotContain(offRange, v => v.Metric == "reconstruction.bce");
        // x̂ = x/2: squared error per sample = Σ (x/2)², the mean over samples of a quarter of Σ x².
        using var expected = shifted.Features.square().sum([1, 2, 3]).mean() / 4;
        Assert.Equal(expected.item<float>(), Single(offRange, "reconstruction.squared_error").Value, 3);
    }

    [Fact]
    public void Denoising_an_identity_model_gains_nothing_and_the_seed_fixes_the_noise()
    {
        using var images = PlantedData.BinaryImages(30, 1);
        using var model = new IdentityReconstructor([1, 4, 4]);
        var values = Run("denoising:noise=gaussian:0.2", model, images, seed: 5);
        var noisy = Single(values, "denoising.psnr_noisy");
        var denoised = Single(values, "denoising.psnr_denoised");
        var gain = Single(values, "denoising.psnr_gain");
        Assert.Equal(noisy.Value, denoised.Value, 12);
        Assert.Equal(0.0, gain.Value, 12);
        Assert.All(values, v => Assert.Equal((MetricKind.Estimate, "dB"), (v.Kind, v.Unit)));
        Assert.True(noisy.StandardError > 0);
        // Clipped gaussian noise of σ 0.2 on 0/1 pixels: MSE ≈ σ²/2 = 0.02, PSNR ≈ 17 dB.
        Assert.InRange(noisy.Value, 15, 19);
        Assert.Equal(values, Run("denoising:noise=gaussian:0.2", model, images, seed: 5));
        Assert.NotEqual(noisy.Value, Single(Run("denoising:noise=gaussian:0.2", model, images, seed: 6), "denoising.psnr_noisy").Value);

        using var outside = new Dataset("outside", images.Features * 3);
        Assert.Contains("[0, 1]", Assert.Throws<EstimatorException>(() => Run("denoising", model, outside)).Message);
    }

    [Fact]
    public void Denoising_figures_are_those_of_latent_denoise_for_the_same_seed()
    {
        using var images = PlantedData.BinaryImages(30, 2);
        using var model = new HalvingReconstructor([1, 4, 4]);
        using var generator = new Generator(9);
        var direct = LatentSharp.Evaluation.DenoisingEvaluation.Evaluate(model, images.Features, LatentSharp.Corruption.Corruptions.Parse("masking:0.3")!, generator);
        var values = Run("denoising:noise=masking:0.3", model, images, seed: 9);
        Assert.Equal(direct.NoisyPsnr, Single(values, "denoising.psnr_noisy").Value);
        Assert.Equal(direct.DenoisedPsnr, Single(values, "denoising.psnr_denoised").Value);
        Assert.Equal(direct.DenoisedStandardError, Single(values, "denoising.psnr_denoised").StandardError);
    }

    [Fact]
    public void Loss_reports_the_models_own_figures_with_the_kinds_it_declares()
    {
        using var data = PlantedData.Separated(12, 1);
        using var model = new FixedFiguresModel();
        var values = Run("loss", model, data);
        Assert.Equal((2.5, MetricKind.Proxy), (Single(values, "loss").Value, Single(values, "loss").Kind));
        Assert.Equal((-12.0, MetricKind.Bound), (Single(values, "elbo").Value, Single(values, "elbo").Kind));
    }

    [Fact]
    public void A_model_without_the_needed_capability_is_refused_by_interface()
    {
        using var reconstructor = new IdentityReconstructor([1, 4, 4]);
        using var encoder = new FlatteningEncoder([1, 4, 4]);
        using var data = PlantedData.BinaryImages(4, 1);
        var probe = EstimatorCatalog.Get("probe");
        var refusal = probe.Refusal(reconstructor);
        Assert.NotNull(refusal);
        Assert.Contains("IEncoder", refusal);
        Assert.Contains("'identity'", refusal);
        Assert.Null(probe.Refusal(encoder));
        Assert.Contains("IEncoder", Assert.Throws<EstimatorException>(() => Run("probe", reconstructor, data, data)).Message);
        Assert.Contains("IReconstructor", Assert.Throws<EstimatorException>(() => Run("reconstruction", encoder, data)).Message);
        Assert.Contains("ITrainable", Assert.Throws<EstimatorException>(() => Run("loss", encoder, data)).Message);
        Assert.Equal(["reconstruction", "denoising"], EstimatorCatalog.SupportedBy(reconstructor).Select(d => d.Name));
        Assert.Equal(["probe", "knn"], EstimatorCatalog.SupportedBy(encoder).Select(d => d.Name));
    }

    [Fact]
    public void Densities_convert_between_nats_per_sample_and_bits_per_dimension()
    {
        // log p = −784 ln 2 nats is one bit per dimension of a 784-value sample.
        Assert.Equal(1.0, DensityUnits.BitsPerDimension(-784 * Math.Log(2), 784), 12);
        Assert.Equal(-100.0, DensityUnits.LogLikelihood(DensityUnits.BitsPerDimension(-100, 10), 10), 10);
        var figures = DensityUnits.Figures("iwae.", -784 * Math.Log(2) * 2, 784, MetricKind.Bound, standardError: 784 * Math.Log(2) * 0.1);
        Assert.Equal(["iwae.log_likelihood", "iwae.bits_per_dim"], figures.Select(f => f.Metric));
        Assert.Equal(2.0, figures[1].Value, 12);
        Assert.Equal(0.1, figures[1].StandardError!.Value, 12);
        Assert.All(figures, f => Assert.Equal(MetricKind.Bound, f.Kind));
        Assert.Throws<ArgumentOutOfRangeException>(() => DensityUnits.BitsPerDimension(-1, 0));
    }
}

/// <summary>Reconstructs x as x/2.</summary>
internal sealed class HalvingReconstructor(long[] inputShape) : PlantedModel("halving", inputShape), IReconstructor
{
    public Tensor Reconstruct(Tensor input) => input / 2;
}
