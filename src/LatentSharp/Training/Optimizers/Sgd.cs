using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>Stochastic gradient descent with heavy-ball momentum, as PyTorch's <c>torch.optim.SGD</c>.</summary>
public sealed class Sgd : OptimizerBase
{
    readonly (Parameter Parameter, Tensor Velocity)[] _slots;
    readonly Tensor _started;
    readonly double _momentum, _weightDecay;

    /// <summary>Creates SGD over named parameters.</summary>
    public Sgd(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        (_momentum, _weightDecay) = (momentum, weightDecay);
        _slots = NamedParameters.Select(p => (p.Parameter, AddState($"{p.Name}.momentum_buffer", zeros_like(p.Parameter)))).ToArray();
        // PyTorch seeds the buffer with the first gradient rather than decaying zeros into it.
        _started = AddState("started", zeros(1, ScalarType.Int64));
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool first = _started.item<long>() == 0;
        foreach (var (parameter, velocity) in _slots)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            if (_weightDecay != 0) grad = grad.add(parameter, alpha: _weightDecay);
            if (_momentum != 0)
            {
                if (first) velocity.copy_(grad);
                else velocity.mul_(_momentum).add_(grad);
                grad = velocity;
            }
            parameter.add_(grad, alpha: -LearningRate);
        }
        _started.fill_(1);
    }
}
