using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

[Collection(LatentSharp.Tests.Models.Autoencoders.JacobianCollection.Name)]
public class CodeStatisticsTests
{
    [Fact]
    public void Sparsity_counts_planted_zeros_active_units_and_dead_units()
    {
        // 4 samples × 5 units; unit 4 is never active, 0.005 is below the 0.01 threshold.
        using var codes = tensor(new float[,]
        {
            { 1.0f, 0.0f, 0.0f, 0.0f, 0.0f },
            { 0.5f, -0.5f, 0.0f, 0.0f, 0.005f },
            { 0.0f, 0.0f, 2.0f, 0.0f, 0.0f },
            { 0.2f, 0.2f, 0.2f, 0.2f, 0.0f },
        });
        var s = CodeStatistics.Sparsity(codes, 0.01);
        Assert.Equal(4, s.Samples);
        Assert.Equal(5, s.CodeSize);
        Assert.Equal((1 + 0.5 - 0.5 + 0.005 + 2 + 0.8) / 20, s.MeanActivation, 6);
        Assert.Equal((1 + 0.5 + 0.5 + 0.005 + 2 + 0.8) / 20, s.MeanAbsoluteActivation, 6);
        Assert.Equal(12.0 / 20, s.FractionNearZero, 6);
        Assert.Equal((1 + 2 + 1 + 4) / 4.0, s.MeanActiveUnits, 6);
        Assert.Equal(1.0 / 5, s.DeadUnitFraction, 6);
        // Hoyer: one-hot rows score 1, the flat row over 4 of 5 units (√5 − 2)/(√5 − 1).
        double flat = (Math.Sqrt(5) - 0.8 / Math.Sqrt(0.16)) / (Math.Sqrt(5) - 1);
        double pair = (Math.Sqrt(5) - 1.005 / Math.Sqrt(0.5000250)) / (Math.Sqrt(5) - 1);
        Assert.Equal((1 + pair + 1 + flat) / 4, s.MeanHoyer, 5);
    }

    [Fact]
    public void A_higher_threshold_counts_more_units_as_near_zero()
    {
        using var codes = rand(50, 8, generator: new Generator(3));
        var low = CodeStatistics.Sparsity(codes, 0.1);
        var high = CodeStatistics.Sparsity(codes, 0.5);
        Assert.True(high.FractionNearZero > low.FractionNearZero);
        Assert.Equal(8 * (1 - high.FractionNearZero), high.MeanActiveUnits, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => CodeStatistics.Sparsity(codes, 0));
        Assert.Throws<ArgumentException>(() => CodeStatistics.Sparsity(codes.reshape(400), 0.1));
    }

    [Fact]
    public void Default_threshold_depends_on_the_code_activation()
    {
        Assert.Equal(0.05, CodeStatistics.DefaultThreshold(ActivationKind.Sigmoid));
        Assert.Equal(0.01, CodeStatistics.DefaultThreshold(ActivationKind.Relu));
        Assert.Equal(0.01, CodeStatistics.DefaultThreshold(ActivationKind.Linear));
    }

    [Fact]
    public void Mean_jacobian_norm_of_a_linear_encoder_is_the_weight_norm()
    {
        // A linear one-layer encoder has J = W at every input, so mean ‖J‖_F = ‖W‖_F exactly.
        using var model = (Autoencoder)ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [], CodeSize = 4 }, [1, 3, 3], CPU, 2);
        using var data = TestData.LowRankImages(10, side: 3);
        var weight = model.State["encoder.1.0.weight"];
        double expected = weight.square().sum().sqrt().item<float>();
        Assert.Equal(expected, CodeStatistics.MeanJacobianNorm(model, data, batchSize: 3), 5);
    }

    [Fact]
    public void Mean_jacobian_norm_of_a_deep_encoder_is_the_mean_of_per_sample_norms()
    {
        // (The convolutional case is checked against finite differences in float64 in
        // ContractivePenaltyTests; float32 CPU convolutions in this libtorch build are occasionally
        // wrong under the parallel test run, see JacobianCollection.)
        using var model = (Autoencoder)ModelCatalog.Create("autoencoder",
            new AutoencoderOptions { HiddenSizes = [5], CodeSize = 4, Activation = ActivationKind.Tanh, CodeActivation = ActivationKind.Sigmoid }, [1, 6, 6], CPU, 2);
        using var data = TestData.LowRankImages(7, side: 6);
        using var squared = model.EncoderJacobianSquaredNorms(data.Features);
        using var norms = squared.sqrt();
        Assert.Equal(norms.mean().item<float>(), CodeStatistics.MeanJacobianNorm(model, data, batchSize: 4), 5);
        // Different inputs, different Jacobians: the per-sample figure is really per sample.
        Assert.True((norms.max() - norms.min()).item<float>() > 1e-4, norms.str());
    }

    [Fact]
    public void Sparsity_of_a_model_uses_the_activation_threshold()
    {
        using var model = (Autoencoder)ModelCatalog.Create("autoencoder",
            new AutoencoderOptions { HiddenSizes = [], CodeSize = 6, CodeActivation = ActivationKind.Sigmoid }, [1, 4, 4], CPU, 2);
        using var data = TestData.LowRankImages(30, side: 4);
        var s = CodeStatistics.Sparsity(model, data, batchSize: 7);
        Assert.Equal(0.05, s.Threshold);
        Assert.Equal(30, s.Samples);
        using var codes = model.Encode(data.Features);
        Assert.Equal(codes.mean().item<float>(), s.MeanActivation, 5);
    }
}
