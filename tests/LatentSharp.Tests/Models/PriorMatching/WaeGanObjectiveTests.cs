using LatentSharp.Models;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.PriorMatching;

/// <summary>
/// WAE-GAN with the squared-L2 cost and λ = 1 is the adversarial autoencoder's objective. On one set of
/// weights (both models built from one seed, checked equal), one batch and one stream of prior draws:
/// the WAE-GAN's autoencoder gradient on every encoder and decoder parameter is the sum of the AAE's
/// reconstruction-phase gradient and its encoder's adversarial (generator) gradient; its loss is their
/// sum; and its evaluated <c>d_loss</c> is the AAE's. The AAE differs only in taking these as separate
/// steps with separate optimisers.
/// </summary>
public class WaeGanObjectiveTests
{
    static readonly AdversarialAutoencoderOptions AaeOptions = PriorMatchingTestKit.Small(new AdversarialAutoencoderOptions());

    static WassersteinAutoencoderOptions WaeOptions(double lambda) =>
        PriorMatchingTestKit.Small(new WassersteinAutoencoderOptions { Penalty = CodePenalty.Gan, Lambda = lambda });

    [Fact]
    public void Wae_gan_with_squared_error_and_lambda_one_has_the_gradient_of_the_aae_phases_summed()
    {
        using var data = PriorMatchingTestKit.Planted(64, classes: 2, seed: 5);
        using var aae = PriorMatchingTestKit.Create<AdversarialAutoencoder>("aae", AaeOptions);
        using var wae = PriorMatchingTestKit.Create<WassersteinAutoencoder>("wae-gan", WaeOptions(1));
        foreach (var (key, tensor) in aae.State) Assert.True(TestData.Same(tensor, wae.State[key]), $"the two models start from other weights at '{key}'");
        var x = data.Features;

        var recon = Gradients(aae, g => aae.ReconstructionObjective(x, null, g), out double reconValue);
        var fooling = Gradients(aae, g => aae.FoolingObjective(x, null, g), out double foolingValue);
        var objective = Gradients(wae, g => wae.AutoencoderObjective(x, g), out double waeValue);

        Assert.Equal(reconValue + foolingValue, waeValue, 4);
        int compared = 0;
        foreach (var (name, gradient) in objective)
        {
            if (name.StartsWith("discriminator.", StringComparison.Ordinal)) continue;
            var expected = recon[name] + fooling[name];
            Assert.True(gradient.allclose(expected, rtol: 1e-4, atol: 1e-6), $"the gradient on '{name}' is not the sum of the AAE phases' gradients");
            compared++;
        }
        Assert.Equal(aae.State.Keys.Count(k => !k.StartsWith("discriminator.", StringComparison.Ordinal)), compared);
        // The encoder's adversarial term really reaches the encoder (else the sum would be the reconstruction alone).
        Assert.Contains(fooling, kv => kv.Key.StartsWith("encoder.", StringComparison.Ordinal) && kv.Value.abs().max().item<float>() > 1e-6);
    }

    [Fact]
    public void Evaluated_on_one_batch_wae_gan_loss_is_aae_recon_plus_lambda_g_loss_and_d_loss_is_the_aae_s()
    {
        using var data = PriorMatchingTestKit.Planted(64, classes: 2, seed: 6);
        using var aae = PriorMatchingTestKit.Create<AdversarialAutoencoder>("aae", AaeOptions);
        foreach (var lambda in new[] { 1.0, 3.0 })
        {
            using var wae = PriorMatchingTestKit.Create<WassersteinAutoencoder>("wae-gan", WaeOptions(lambda));
            using var first = new Generator(9);
            using var second = new Generator(9);
            var a = aae.Evaluate(data, new TrainingContext(first, batchSize: 64));
            var w = wae.Evaluate(data, new TrainingContext(second, batchSize: 64));
            Assert.Equal(a[MetricKeys.Reconstruction], w[MetricKeys.Reconstruction], 5);
            Assert.Equal(a[PriorMatchingAutoencoder<AdversarialAutoencoderOptions>.GeneratorLoss], w[PriorMatchingAutoencoder<WassersteinAutoencoderOptions>.GeneratorLoss], 5);
            Assert.Equal(a[PriorMatchingAutoencoder<AdversarialAutoencoderOptions>.DiscriminatorLoss], w[PriorMatchingAutoencoder<WassersteinAutoencoderOptions>.DiscriminatorLoss], 5);
            Assert.Equal(a[MetricKeys.Reconstruction] + lambda * a[PriorMatchingAutoencoder<AdversarialAutoencoderOptions>.GeneratorLoss], w[MetricKeys.Loss], 4);
        }
    }

    /// <summary>The gradient of <paramref name="objective"/> on every parameter of <paramref name="model"/>, by state name.</summary>
    static Dictionary<string, Tensor> Gradients<TOptions>(PriorMatchingAutoencoder<TOptions> model, Func<Generator, Tensor> objective, out double value)
        where TOptions : PriorMatchingOptions
    {
        var parameters = model.NamedParameters.ToList();
        foreach (var (_, p) in parameters) p.grad?.zero_();
        using var generator = new Generator(11);
        var loss = objective(generator);
        loss.backward();
        value = loss.item<float>();
        return parameters.ToDictionary(kv => kv.Name, kv => kv.Parameter.grad is { } g ? g.clone() : zeros_like(kv.Parameter));
    }
}
