using LatentSharp.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class ParameterBufferTests
{
    static Sequential Network(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 3));
    }

    static void Train(Sequential network, IOptimizer optimizer, int steps)
    {
        var input = randn(8, 6, generator: new Generator(4));
        var target = randn(8, 3, generator: new Generator(5));
        for (int i = 0; i < steps; i++)
        {
            optimizer.ZeroGrad();
            network.call(input).sub(target).square().sum().backward();
            optimizer.Step();
        }
    }

    [Fact]
    public void Consolidation_keeps_the_values_and_lays_the_parameters_back_to_back()
    {
        using var network = Network(1);
        var before = network.parameters().Select(p => p.detach().clone()).ToArray();
        ParameterBuffer.Consolidate(network);
        var parameters = network.parameters().ToArray();
        for (int i = 0; i < parameters.Length; i++) Assert.True(parameters[i].eq(before[i]).all().item<bool>());
        var covering = ParameterBuffer.Covering(parameters);
        Assert.NotNull(covering);
        Assert.Equal(parameters.Sum(p => p.numel()), covering!.numel());
        // Writing the buffer writes the parameters: they share its storage.
        using (no_grad()) covering.fill_(0.5f);
        Assert.All(parameters, p => Assert.True(p.eq(0.5f).all().item<bool>()));
        Assert.Null(ParameterBuffer.Covering([parameters[2], parameters[0]]));
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void The_flat_update_gives_the_same_numbers_as_one_update_per_parameter(string kind)
    {
        using var flat = Network(2);
        using var separate = Network(2);
        // Same starting point whatever other tests do to the global generator meanwhile.
        using (no_grad())
            foreach (var ((_, a), (_, b)) in flat.named_parameters().Zip(separate.named_parameters())) b.copy_(a);
        ParameterBuffer.Consolidate(flat);
        IOptimizer Make(Sequential n) => kind switch
        {
            "adam" => new LatentSharp.Training.Optimizers.Adam(n.named_parameters(), 0.01, weightDecay: 0.01),
            "sgd" => new Sgd(n.named_parameters(), 0.05, momentum: 0.9, weightDecay: 0.01),
            _ => new RmsProp(n.named_parameters(), 0.01, weightDecay: 0.01, momentum: 0.5, centered: true),
        };
        using var flatOptimizer = Make(flat);
        using var separateOptimizer = Make(separate);
        Train(flat, flatOptimizer, 6);
        Train(separate, separateOptimizer, 6);
        foreach (var ((name, a), (_, b)) in flat.named_parameters().Zip(separate.named_parameters()))
            Assert.True(a.allclose(b, rtol: 1e-6, atol: 1e-7), $"{kind}: parameter {name} differs");
        foreach (var (name, tensor) in separateOptimizer.State)
            Assert.True(flatOptimizer.State[name].allclose(tensor, rtol: 1e-6, atol: 1e-7), $"{kind}: state {name} differs");
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_left_alone()
    {
        using var network = Network(3);
        ParameterBuffer.Consolidate(network);
        using var adam = new LatentSharp.Training.Optimizers.Adam(network.named_parameters(), 0.1);
        var last = network.named_parameters().Last().parameter;
        var before = last.detach().clone();
        adam.ZeroGrad();
        // Only the first layer takes part in this loss.
        network.named_parameters().First().parameter.square().sum().backward();
        adam.Step();
        Assert.True(last.eq(before).all().item<bool>());
        using var fresh = Network(3);
        Assert.False(network.named_parameters().First().parameter.eq(fresh.named_parameters().First().parameter).all().item<bool>());
    }

    [Fact]
    public void Parameters_of_different_dtypes_get_their_own_state()
    {
        using var single = new Parameter(ones(3));
        using var dbl = new Parameter(ones(2, dtype: ScalarType.Float64));
        using var adam = new LatentSharp.Training.Optimizers.Adam([("a", single), ("b", dbl)], 0.1);
        Assert.Equal(ScalarType.Float64, adam.State["b.exp_avg"].dtype);
        adam.ZeroGrad();
        (single.sum() + dbl.sum()).backward();
        adam.Step();
        Assert.True(single.lt(1).all().item<bool>() && dbl.lt(1).all().item<bool>(), "both parameters should have moved down");
    }
}
