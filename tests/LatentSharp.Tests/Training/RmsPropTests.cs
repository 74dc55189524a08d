using LatentSharp.Options;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class RmsPropTests
{
    static void AssertMatchesReference(double weightDecay, double momentum, bool centered)
    {
        long[][] shapes = [[4, 3], [5]];
        var ours = shapes.Select((s, i) => new Parameter(randn(s, generator: new Generator((ulong)(30 + i))))).ToArray();
        var reference = ours.Select(p => new Parameter(p.detach().clone())).ToArray();
        var targets = shapes.Select((s, i) => randn(s, generator: new Generator((ulong)(40 + i)))).ToArray();
        var spec = new OptimizerSpec { Kind = OptimizerKind.RmsProp, LearningRate = 0.01, WeightDecay = weightDecay, Momentum = momentum, Centered = centered };
        using var rmsProp = OptimizerFactory.Create(spec, ours.Select((p, i) => ($"p{i}", p)));
        Assert.IsType<RmsProp>(rmsProp);
        using var referenceRmsProp = optim.RMSProp(reference, lr: 0.01, alpha: 0.99, eps: 1e-8, weight_decay: weightDecay, momentum: momentum, centered: centered);
        for (int step = 0; step < 6; step++)
        {
            rmsProp.ZeroGrad();
            ours.Zip(targets, (p, t) => (p - t).pow(2).sum() * (step + 1)).Aggregate((a, b) => a + b).backward();
            rmsProp.Step();
            referenceRmsProp.zero_grad();
            reference.Zip(targets, (p, t) => (p - t).pow(2).sum() * (step + 1)).Aggregate((a, b) => a + b).backward();
            referenceRmsProp.step();
        }
        for (int i = 0; i < shapes.Length; i++)
        {
            Assert.False(ours[i].allclose(randn(shapes[i], generator: new Generator((ulong)(30 + i)))), "the steps changed nothing");
            Assert.True(ours[i].allclose(reference[i], rtol: 1e-5, atol: 1e-6), $"parameter {i} diverged from torch.optim.RMSProp");
        }
    }

    [Fact]
    public void Matches_torch_RMSProp_with_weight_decay_and_momentum_over_several_steps() =>
        AssertMatchesReference(weightDecay: 0.1, momentum: 0.9, centered: false);

    [Fact]
    public void Matches_torch_RMSProp_without_momentum() =>
        AssertMatchesReference(weightDecay: 0, momentum: 0, centered: false);

    [Fact]
    public void Matches_torch_RMSProp_centred_with_momentum() =>
        AssertMatchesReference(weightDecay: 0.01, momentum: 0.5, centered: true);

    [Fact]
    public void Keeps_only_the_buffers_its_settings_use_under_torch_state_names()
    {
        using var weight = new Parameter(zeros(3));
        using var plain = new RmsProp([("w", weight)], 0.01);
        Assert.Equal(["w.square_avg"], plain.State.Keys.Order());
        using var full = new RmsProp([("w", weight)], 0.01, momentum: 0.9, centered: true);
        Assert.Equal(["w.grad_avg", "w.momentum_buffer", "w.square_avg"], full.State.Keys.Order());
    }
}
