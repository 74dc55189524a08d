using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015, https://arxiv.org/abs/1412.6980), the update of PyTorch's
/// <c>torch.optim.Adam</c> up to float rounding. State: <c>{parameter}.exp_avg</c>,
/// <c>{parameter}.exp_avg_sq</c> and <c>step</c>.
/// </summary>
public sealed class Adam : OptimizerBase
{
    readonly Tensor _step, _firstMomentWeight;
    readonly double _beta1, _beta2, _epsilon, _weightDecay;
    double _stepSize, _sqrtBiasCorrection2;

    /// <summary>Creates Adam over named parameters.</summary>
    public Adam(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate, "exp_avg", "exp_avg_sq")
    {
        (_beta1, _beta2, _epsilon, _weightDecay) = (beta1, beta2, epsilon, weightDecay);
        _step = AddState("step", zeros(1, ScalarType.Int64));
        // lerp_ takes its weight as a tensor: made once, not every step.
        _firstMomentWeight = Keep(tensor(1 - beta1));
    }

    /// <inheritdoc />
    protected override void BeginStep()
    {
        _step.add_(1);
        long t = _step.item<long>();
        _sqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(_beta2, t));
        _stepSize = LearningRate / (1 - Math.Pow(_beta1, t));
    }

    /// <summary>Float32 tensors in CPU memory take the one-pass kernel (<see cref="FusedAdam"/>); the same update, up to float rounding.</summary>
    protected override bool TryUpdateFused(IReadOnlyList<(Tensor Parameter, Tensor Gradient, Tensor[] Buffers)> updates)
    {
        if (!updates.All(u => FusedAdam.Supports(u.Parameter) && FusedAdam.Supports(u.Gradient) && u.Buffers.All(FusedAdam.Supports)))
            return false;
        var coefficients = new FusedAdam.Coefficients((float)(1 - _beta1), (float)_beta2, (float)(1 - _beta2),
            (float)(_epsilon * _sqrtBiasCorrection2), (float)(_stepSize * _sqrtBiasCorrection2), (float)_weightDecay);
        FusedAdam.Step(updates.Select(u => (u.Parameter, u.Gradient, u.Buffers[0], u.Buffers[1])).ToArray(), coefficients, get_num_threads());
        return true;
    }

    /// <inheritdoc />
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] buffers)
    {
        var (mean, variance) = (buffers[0], buffers[1]);
        if (_weightDecay != 0) gradient = gradient.add(parameter, alpha: _weightDecay);
        // Elsewhere (other devices and dtypes), six passes instead of PyTorch's eight: the first moment by lerp, and the bias correction
        // of the second moment folded into epsilon and the step size, since
        // m / (sqrt(v) / c + eps) = c · m / (sqrt(v) + c · eps).
        mean.lerp_(gradient, _firstMomentWeight);
        variance.mul_(_beta2).addcmul_(gradient, gradient, value: 1 - _beta2);
        var denominator = variance.sqrt().add_(_epsilon * _sqrtBiasCorrection2);
        parameter.addcdiv_(mean, denominator, value: -_stepSize * _sqrtBiasCorrection2);
    }
}
