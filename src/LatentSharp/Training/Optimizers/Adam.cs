using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015, https://arxiv.org/abs/1412.6980), the update of
/// PyTorch's <c>torch.optim.Adam</c> up to float rounding. State is allocated up front so a checkpoint can be loaded
/// into it before the first step.
/// </summary>
public sealed class Adam : OptimizerBase
{
    readonly (Parameter Parameter, Tensor Mean, Tensor Variance)[] _slots;
    readonly Tensor _step;
    readonly double _beta1, _beta2, _epsilon, _weightDecay;

    /// <summary>Creates Adam over named parameters.</summary>
    public Adam(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        (_beta1, _beta2, _epsilon, _weightDecay) = (beta1, beta2, epsilon, weightDecay);
        _slots = NamedParameters.Select(p => (p.Parameter,
            AddState($"{p.Name}.exp_avg", zeros_like(p.Parameter)),
            AddState($"{p.Name}.exp_avg_sq", zeros_like(p.Parameter)))).ToArray();
        _step = AddState("step", zeros(1, ScalarType.Int64));
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _step.add_(1);
        long t = _step.item<long>();
        double biasCorrection1 = 1 - Math.Pow(_beta1, t);
        double sqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(_beta2, t));
        double stepSize = LearningRate / biasCorrection1;
        // Six passes over each parameter instead of PyTorch's eight: the first moment by lerp, and
        // the bias correction of the second moment folded into epsilon and the step size, since
        // m / (sqrt(v) / c + eps) = c · m / (sqrt(v) + c · eps).
        using var firstMomentWeight = tensor(1 - _beta1);
        foreach (var (parameter, mean, variance) in _slots)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            if (_weightDecay != 0) grad = grad.add(parameter, alpha: _weightDecay);
            mean.lerp_(grad, firstMomentWeight);
            variance.mul_(_beta2).addcmul_(grad, grad, value: 1 - _beta2);
            var denominator = variance.sqrt().add_(_epsilon * sqrtBiasCorrection2);
            parameter.addcdiv_(mean, denominator, value: -stepSize * sqrtBiasCorrection2);
        }
    }
}
