using LatentSharp.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class AdamTests
{
    [Fact]
    public void Matches_the_reference_Adam_update_over_several_steps()
    {
        using var ours = new Parameter(randn(4, 3, generator: new Generator(1)));
        using var reference = new Parameter(ours.detach().clone());
        using var target = randn(4, 3, generator: new Generator(2));
        using var adam = new LatentSharp.Training.Optimizers.Adam([("w", ours)], learningRate: 0.01, weightDecay: 0.1);
        using var referenceAdam = optim.Adam([reference], lr: 0.01, weight_decay: 0.1);
        for (int step = 0; step < 5; step++)
        {
            adam.ZeroGrad();
            ((ours - target).pow(2).sum() * (step + 1)).backward();
            adam.Step();
            referenceAdam.zero_grad();
            ((reference - target).pow(2).sum() * (step + 1)).backward();
            referenceAdam.step();
        }
        Assert.True(ours.allclose(reference, rtol: 1e-5, atol: 1e-7), "Adam diverged from torch.optim.Adam");
        Assert.Equal(5, adam.State["step"].item<long>());
    }

    [Fact]
    public void Sgd_with_momentum_matches_the_reference()
    {
        using var ours = new Parameter(randn(5, generator: new Generator(3)));
        using var reference = new Parameter(ours.detach().clone());
        using var sgd = new Sgd([("w", ours)], learningRate: 0.1, momentum: 0.9);
        using var referenceSgd = optim.SGD([reference], 0.1, momentum: 0.9);
        for (int step = 0; step < 4; step++)
        {
            sgd.ZeroGrad();
            (ours.pow(2).sum()).backward();
            sgd.Step();
            referenceSgd.zero_grad();
            (reference.pow(2).sum()).backward();
            referenceSgd.step();
        }
        Assert.True(ours.allclose(reference, rtol: 1e-6, atol: 1e-7));
    }
}
