using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Autoencoders.Penalties;
using LatentSharp.Training;
using LatentSharp.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Autoencoders;

public class SparsityPenaltyTests
{
    // Codes [4, 3]: unit means 0.25, 0.5 and 0.1 over the batch.
    static Tensor PlantedCode() => tensor(new double[,]
    {
        { 0.1, 0.9, 0.0 },
        { 0.4, 0.1, 0.4 },
        { 0.3, 0.5, 0.0 },
        { 0.2, 0.5, 0.0 },
    }).requires_grad_(true);

    static PenaltyInput Around(Tensor code) => new(code, code, _ => throw new InvalidOperationException("not used"));

    static double Kl(double rho, double mean) => rho * Math.Log(rho / mean) + (1 - rho) * Math.Log((1 - rho) / (1 - mean));

    [Fact]
    public void KL_penalty_is_beta_times_the_summed_KL_of_each_unit_mean_and_its_gradient_follows_the_formula()
    {
        using var code = PlantedCode();
        double rho = 0.05, beta = 3;
        using var value = new KLSparsityPenalty(rho, beta).Compute(Around(code));
        double[] means = [0.25, 0.5, 0.1];
        Assert.Equal(beta * means.Sum(m => Kl(rho, m)), value.item<double>(), 10);
        value.backward();
        // d/dh_bk = β/B · (−ρ/ρ̂_k + (1−ρ)/(1−ρ̂_k)), the same for every sample of unit k.
        var grad = code.grad!;
        for (int k = 0; k < 3; k++)
        {
            double expected = beta / 4 * (-rho / means[k] + (1 - rho) / (1 - means[k]));
            for (int b = 0; b < 4; b++) Assert.Equal(expected, grad[b, k].item<double>(), 10);
        }
    }

    [Fact]
    public void KL_penalty_vanishes_when_every_unit_mean_hits_the_target()
    {
        using var code = full(6, 5, 0.2, dtype: ScalarType.Float64);
        using var value = new KLSparsityPenalty(0.2, 10).Compute(Around(code));
        Assert.Equal(0, value.item<double>(), 12);
    }

    [Fact]
    public void L1_penalty_is_lambda_times_the_mean_summed_magnitude_with_sign_gradient()
    {
        using var code = tensor(new double[,] { { 1.5, -2, 0.5 }, { -0.25, 0, 3 } }).requires_grad_(true);
        using var value = new L1CodePenalty(0.1).Compute(Around(code));
        Assert.Equal(0.1 * (4.0 + 3.25) / 2, value.item<double>(), 12);
        value.backward();
        double[,] expected = { { 0.05, -0.05, 0.05 }, { -0.05, 0, 0.05 } };
        for (int b = 0; b < 2; b++)
            for (int k = 0; k < 3; k++) Assert.Equal(expected[b, k], code.grad![b, k].item<double>(), 12);
    }

    [Fact]
    public void Options_switch_the_sparsity_penalties_on_by_their_weights()
    {
        var penalties = AutoencoderPenalties.From(new AutoencoderOptions
        {
            CodeActivation = ActivationKind.Sigmoid, L1Weight = 0.5, SparsityWeight = 2, ContractiveWeight = 0.1, HiddenSizes = [],
        });
        Assert.Equal(["l1", "sparsity_kl", "contractive"], penalties.Select(p => p.Name));
        Assert.Empty(AutoencoderPenalties.From(new AutoencoderOptions()));
    }

    [Fact]
    public void KL_penalty_drives_the_mean_activation_towards_the_target()
    {
        using var data = TestData.LowRankImages(256);
        CodeSparsity Train(double beta)
        {
            using var model = (Autoencoder)ModelCatalog.Create("autoencoder", new AutoencoderOptions
            {
                HiddenSizes = [], CodeSize = 16, CodeActivation = ActivationKind.Sigmoid, SparsityTarget = 0.05, SparsityWeight = beta, LearningRate = 3e-3,
            }, [1, 8, 8], CPU, 1);
            new Trainer(new TrainerOptions { Epochs = 8, BatchSize = 32 }).Fit(model, data);
            return CodeStatistics.Sparsity(model, data);
        }
        var plain = Train(0);
        var sparse = Train(3);
        Assert.True(sparse.MeanActivation < 0.5 * plain.MeanActivation, $"plain {plain}, sparse {sparse}");
        Assert.True(sparse.FractionNearZero > plain.FractionNearZero, $"plain {plain}, sparse {sparse}");
    }
}
