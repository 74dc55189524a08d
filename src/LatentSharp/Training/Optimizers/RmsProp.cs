using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// RMSprop (Hinton, Lecture 6e of "Neural Networks for Machine Learning", 2012;
/// https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf), the update of
/// PyTorch's <c>torch.optim.RMSprop</c> up to float rounding; WGAN's critic uses it. State:
/// <c>{parameter}.square_avg</c>, with momentum <c>{parameter}.momentum_buffer</c>, centred
/// <c>{parameter}.grad_avg</c>.
/// </summary>
public sealed class RmsProp : OptimizerBase
{
    readonly double _alpha, _epsilon, _weightDecay, _momentum;
    readonly bool _centered;
    readonly int _momentumIndex, _gradientMeanIndex;

    /// <summary>Creates RMSprop over named parameters.</summary>
    /// <param name="parameters">The parameters to update, by name.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="alpha">Smoothing constant of the mean squared gradient, in [0, 1).</param>
    /// <param name="epsilon">Added to the root of the mean square, &gt; 0.</param>
    /// <param name="weightDecay">L2 weight decay added to the gradient.</param>
    /// <param name="momentum">Momentum of the normalised step; 0 for none.</param>
    /// <param name="centered">Normalise by the gradient's estimated variance instead of its second moment.</param>
    public RmsProp(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate,
        double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(parameters, learningRate, BufferKinds(momentum, centered))
    {
        (_alpha, _epsilon, _weightDecay, _momentum, _centered) = (alpha, epsilon, weightDecay, momentum, centered);
        // Buffers are allocated only for the features in use, in the order BufferKinds lists them.
        _momentumIndex = momentum != 0 ? 1 : -1;
        _gradientMeanIndex = centered ? (momentum != 0 ? 2 : 1) : -1;
    }

    static string[] BufferKinds(double momentum, bool centered) =>
        ["square_avg", .. momentum != 0 ? new[] { "momentum_buffer" } : [], .. centered ? new[] { "grad_avg" } : []];

    /// <inheritdoc />
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] buffers)
    {
        if (_weightDecay != 0) gradient = gradient.add(parameter, alpha: _weightDecay);
        var squareMean = buffers[0];
        // v ← α v + (1 − α) g²
        squareMean.mul_(_alpha).addcmul_(gradient, gradient, value: 1 - _alpha);
        Tensor denominator;
        if (_centered)
        {
            // ḡ ← α ḡ + (1 − α) g;  d = √(v − ḡ²) + ε
            var gradientMean = buffers[_gradientMeanIndex];
            gradientMean.mul_(_alpha).add_(gradient, alpha: 1 - _alpha);
            denominator = squareMean.addcmul(gradientMean, gradientMean, value: -1).sqrt_().add_(_epsilon);
        }
        else
        {
            denominator = squareMean.sqrt().add_(_epsilon);
        }
        if (_momentumIndex >= 0)
        {
            // b ← μ b + g / d;  p ← p − lr · b
            var velocity = buffers[_momentumIndex];
            velocity.mul_(_momentum).addcdiv_(gradient, denominator);
            parameter.add_(velocity, alpha: -LearningRate);
        }
        else
        {
            parameter.addcdiv_(gradient, denominator, value: -LearningRate);
        }
    }
}
