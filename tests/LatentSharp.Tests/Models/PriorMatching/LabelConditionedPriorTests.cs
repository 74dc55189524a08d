using LatentSharp.Layers.Priors;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.PriorMatching;

/// <summary>
/// The label-conditioned prior end to end (bench/results/aae.md, "Label-conditioned prior on planted data"):
/// with the generator's learning rate at 2e-3, as its option's description advises, every
/// class's codes end on their own component for every model seed measured there (1–12, by
/// <c>LatentSharp.Bench label-conditioned-planted</c>). The suite runs model seed 2 alone — about 90 CPU-seconds a
/// seed — because it is the seed that failed under every other setting: at the default generator rate (5e-4) or at
/// 1e-3 it leaves a class on another's component, and with the labelled positives drawn from a random component
/// the test fails for every seed tried (seeds 1–6).
/// </summary>
public class LabelConditionedPriorTests
{
    const int Classes = 3;
    const int Epochs = 60;   // 2,400 steps of 32; at 1,200 seed 1 still had a class off its component (aae.md)

    // The aae's defaults but for the small network, the planted classes' prior and the advised generator rate.
    static AdversarialAutoencoderOptions Conditioned => new()
    {
        CodeSize = 2, HiddenSizes = [32], Classes = Classes, LabelConditionedPrior = true,
        Prior = $"mixture:{Classes},radius=2,std=0.5", GeneratorLearningRate = Schedule.Constant(2e-3),
    };

    [Theory]
    [InlineData(2)]
    public void Every_class_s_codes_end_on_their_own_component(long seed)
    {
        using var train = PriorMatchingTestKit.Planted(1280, Classes, seed: 1);
        using var test = PriorMatchingTestKit.Planted(600, Classes, seed: 2);
        var options = Conditioned;
        using var model = PriorMatchingTestKit.Create<AdversarialAutoencoder>("aae", options, seed);
        PriorMatchingTestKit.Train(model, train, epochs: Epochs);

        var shares = SharesOnOwnComponent(model, test, (GaussianMixturePrior)options.CreatePrior());
        // Chance is 1/3; a class left on another's component scores near 0 (the failures in aae.md).
        Assert.True(shares.Min() > 0.9, $"model seed {seed}: share of each class's test codes nearest its own component: {string.Join(", ", shares.Select(s => s.ToString("F3")))}");
    }

    /// <summary>Per class, the share of its test codes whose nearest mixture mean is the class's own.</summary>
    static double[] SharesOnOwnComponent(AdversarialAutoencoder model, LatentSharp.Data.Dataset test, GaussianMixturePrior mixture)
    {
        using var scope = NewDisposeScope();
        var codes = model.Encode(test.Features);
        var labels = test.Labels!;
        var nearest = (codes.unsqueeze(1) - mixture.Means().unsqueeze(0)).square().sum(2).argmin(1);
        return Enumerable.Range(0, Classes)
            .Select(k => (double)nearest[labels.eq(k)].eq(k).to(ScalarType.Float32).mean().item<float>())
            .ToArray();
    }
}
