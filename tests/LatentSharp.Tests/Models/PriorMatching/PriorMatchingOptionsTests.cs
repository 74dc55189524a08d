using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Layers.Kernels;
using LatentSharp.Models;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.PriorMatching;

public class PriorMatchingOptionsTests
{
    static InvalidOptionException Refused(string name, ModelOptions options) =>
        Assert.Throws<InvalidOptionException>(() => { using var _ = ModelCatalog.Create(name, options, [8], CPU, 1); });

    [Theory]
    [InlineData("gaussian")]
    [InlineData("mixture:10")]
    [InlineData("uniform:-2,2")]   // bounded support: the VAE refuses it, sampling is all an AAE needs
    [InlineData("swiss-roll")]     // sampling only
    public void Any_prior_that_can_be_sampled_is_accepted(string prior)
    {
        using var model = PriorMatchingTestKit.Create<AdversarialAutoencoder>("aae", new AdversarialAutoencoderOptions { CodeSize = 2, Prior = prior, HiddenSizes = [8] });
        using var samples = model.Sample(5, new TorchSharp.torch.Generator(1));
        Assert.Equal([5L, 8L], samples.shape);
    }

    [Fact]
    public void A_prior_of_another_dimension_or_unreadable_is_refused_as_prior()
    {
        var e = Refused("aae", new AdversarialAutoencoderOptions { CodeSize = 3, Prior = "swiss-roll" });
        Assert.Equal(nameof(PriorMatchingOptions.Prior), e.Field);
        Assert.Contains("2-D", e.Message);
        Assert.Equal(nameof(PriorMatchingOptions.Prior), Refused("wae-mmd", new WassersteinAutoencoderOptions { Prior = "banana" }).Field);
    }

    [Fact]
    public void The_label_conditioned_prior_needs_a_mixture_with_one_component_per_class()
    {
        Assert.Equal(nameof(PriorMatchingOptions.Prior), Refused("aae", new AdversarialAutoencoderOptions { LabelConditionedPrior = true }).Field);
        var e = Refused("aae", new AdversarialAutoencoderOptions { LabelConditionedPrior = true, Prior = "mixture:5", Classes = 10 });
        Assert.Contains("mixture:10", e.Message);
        Assert.Equal(nameof(AdversarialAutoencoderOptions.LabelConditionedPrior),
            Refused("supervised-aae", new AdversarialAutoencoderOptions { LabelConditionedPrior = true, Prior = "mixture:10" }).Field);
    }

    [Fact]
    public void Bce_needs_the_sigmoid_output()
    {
        var e = Refused("wae-gan", new WassersteinAutoencoderOptions { Cost = ReconstructionCost.Bce, Output = ActivationKind.Linear });
        Assert.Equal(nameof(PriorMatchingOptions.Cost), e.Field);
    }

    [Fact]
    public void Training_with_labels_refuses_data_without_them_or_beyond_the_classes()
    {
        using var model = PriorMatchingTestKit.Create<SupervisedAdversarialAutoencoder>("supervised-aae", new AdversarialAutoencoderOptions { Classes = 3, HiddenSizes = [8] });
        using var unlabelled = new Dataset("unlabelled", rand(10, 8));
        Assert.Contains("has none", Assert.Throws<ArgumentException>(() => model.CheckData(unlabelled)).Message);
        using var tooMany = PriorMatchingTestKit.Planted(20, classes: 5, seed: 1);
        Assert.Contains("labels 0..2", Assert.Throws<ArgumentException>(() => model.CheckData(tooMany)).Message);
        using var fits = PriorMatchingTestKit.Planted(20, classes: 3, seed: 1);
        model.CheckData(fits);
    }

    [Fact]
    public void Wae_mmd_takes_the_paper_s_kernel_scale_two_d_sigma_squared()
    {
        using var gaussian = PriorMatchingTestKit.Create<WassersteinAutoencoder>("wae-mmd", new WassersteinAutoencoderOptions { CodeSize = 4, HiddenSizes = [8] });
        Assert.InRange(((InverseMultiquadraticKernel)gaussian.Kernel!).Scale, 8 * 0.97, 8 * 1.03);   // 2 · 4 · 1
        // The uniform on [-3, 3] has variance 3 per coordinate: C = 2 · 2 · 3 = 12; RBF with bandwidth √C.
        using var uniform = PriorMatchingTestKit.Create<WassersteinAutoencoder>("wae-mmd",
            new WassersteinAutoencoderOptions { CodeSize = 2, HiddenSizes = [8], Prior = "uniform:-3,3", Kernel = MmdKernelKind.Rbf });
        Assert.InRange(((RbfKernel)uniform.Kernel!).Bandwidths[0], Math.Sqrt(12 * 0.97), Math.Sqrt(12 * 1.03));
        using var given = PriorMatchingTestKit.Create<WassersteinAutoencoder>("wae-mmd", new WassersteinAutoencoderOptions { KernelScale = 5, HiddenSizes = [8] });
        Assert.Equal(5, ((InverseMultiquadraticKernel)given.Kernel!).Scale);
    }
}
