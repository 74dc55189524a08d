using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// Stochastic gradient descent with heavy-ball momentum, as PyTorch's <c>torch.optim.SGD</c>.
/// State: <c>{parameter}.momentum_buffer</c> and <c>started</c>.
/// </summary>
public sealed class Sgd : OptimizerBase
{
    readonly Tensor _started;
    readonly double _momentum, _weightDecay;
    bool _first;

    /// <summary>Creates SGD over named parameters.</summary>
    public Sgd(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
        : base(parameters, learningRate, "momentum_buffer")
    {
        (_momentum, _weightDecay) = (momentum, weightDecay);
        // PyTorch seeds the buffer with the first gradient rather than decaying zeros into it.
        _started = AddState("started", zeros(1, ScalarType.Int64));
    }

    /// <inheritdoc />
    protected override void BeginStep()
    {
        _first = _started.item<long>() == 0;
        _started.fill_(1);
    }

    /// <inheritdoc />
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] buffers)
    {
        if (_weightDecay != 0) gradient = gradient.add(parameter, alpha: _weightDecay);
        if (_momentum != 0)
        {
            var velocity = buffers[0];
            if (_first) velocity.copy_(gradient);
            else velocity.mul_(_momentum).add_(gradient);
            gradient = velocity;
        }
        parameter.add_(gradient, alpha: -LearningRate);
    }
}
