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
    public void The_one_pass_kernel_matches_the_reference_on_tensors_split_across_threads()
    {
        // Large enough for several chunks per tensor and a scalar tail (1,000 · 33 is not a multiple of the vector width).
        long[][] shapes = [[300, 400], [17], [1000, 33]];
        var ours = shapes.Select((s, i) => new Parameter(randn(s, generator: new Generator((ulong)(10 + i))))).ToArray();
        var reference = ours.Select(p => new Parameter(p.detach().clone())).ToArray();
        var targets = shapes.Select((s, i) => randn(s, generator: new Generator((ulong)(20 + i)))).ToArray();
        using var adam = new LatentSharp.Training.Optimizers.Adam(ours.Select((p, i) => ($"p{i}", p)), learningRate: 0.01, weightDecay: 0.01);
        using var referenceAdam = optim.Adam(reference, lr: 0.01, weight_decay: 0.01);
        for (int step = 0; step < 4; step++)
        {
            adam.ZeroGrad();
            ours.Zip(targets, (p, t) => (p - t).pow(2).sum()).Aggregate((a, b) => a + b).backward();
            adam.Step();
            referenceAdam.zero_grad();
            reference.Zip(targets, (p, t) => (p - t).pow(2).sum()).Aggregate((a, b) => a + b).backward();
            referenceAdam.step();
        }
        for (int i = 0; i < shapes.Length; i++)
            Assert.True(ours[i].allclose(reference[i], rtol: 1e-5, atol: 1e-6), $"parameter {i} diverged from torch.optim.Adam");
    }

    [Fact]
    public void The_one_pass_kernel_gives_the_same_bits_on_one_thread_and_on_two()
    {
        Tensor[] Run(int workers)
        {
            var p = randn(200_001, generator: new Generator(5));
            var g = randn(200_001, generator: new Generator(6));
            var m = randn(200_001, generator: new Generator(7)).mul_(0.1);
            var v = rand(200_001, generator: new Generator(8));
            FusedAdam.Step([(p, g, m, v)], new FusedAdam.Coefficients(0.1f, 0.999f, 0.001f, 1e-8f, 1e-3f, 0.01f), workers);
            return [p, m, v];
        }
        var one = Run(1);
        var two = Run(2);
        for (int i = 0; i < 3; i++) Assert.True(one[i].eq(two[i]).all().item<bool>(), $"tensor {i} differs between one and two threads");
        Assert.False(one[0].eq(randn(200_001, generator: new Generator(5))).all().item<bool>(), "the step changed nothing");
    }

    [Fact]
    public void A_graph_that_saved_the_weights_before_the_step_cannot_back_propagate_after_it()
    {
        using var weight = new Parameter(randn(16, 8, generator: new Generator(4)));
        using var adam = new LatentSharp.Training.Optimizers.Adam([("w", weight)], learningRate: 0.01);
        (weight * weight).sum().backward();
        using var stale = (weight * weight).sum(); // saves the weights for its backward pass
        adam.Step();
        var error = Assert.ThrowsAny<Exception>(() => stale.backward());
        Assert.Contains("modified by an inplace operation", error.Message);
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
