using LatentSharp.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>
/// The contractive penalty λ · mean over the batch of ‖J_f(x)‖²_F, the squared Frobenius norm of
/// the encoder's Jacobian ∂h/∂x at the encoder's actual (possibly corrupted) input
/// (Rifai et al., 2011, "Contractive auto-encoders", ICML). Exact for any encoder through
/// automatic differentiation with double backward; a one-layer sigmoid or tanh encoder uses the
/// closed form instead (<see cref="MethodFor"/>), which is the same number at a fraction of the cost.
/// </summary>
public sealed class ContractivePenalty : ICodePenalty
{
    /// <summary>Creates the penalty.</summary>
    /// <param name="weight">λ ≥ 0.</param>
    /// <param name="method">How the Jacobian norm is computed; the closed forms need a one-layer encoder of that activation.</param>
    public ContractivePenalty(double weight, JacobianMethod method = JacobianMethod.Autograd)
    {
        if (!(weight >= 0) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be finite and ≥ 0.");
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown Jacobian method.");
        Weight = weight;
        Method = method;
    }

    /// <inheritdoc />
    public string Name => "contractive";

    /// <summary>λ.</summary>
    public double Weight { get; }

    /// <summary>How ‖J‖²_F is computed (closed form or autograd).</summary>
    public JacobianMethod Method { get; }

    /// <summary>
    /// The cheapest exact method for an autoencoder with <paramref name="options"/>: the closed
    /// form for a dense encoder without hidden layers and a sigmoid or tanh code, autograd otherwise.
    /// </summary>
    public static JacobianMethod MethodFor(AutoencoderOptionsBase options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options is AutoencoderOptions { HiddenSizes.Length: 0 } dense)
        {
            if (dense.CodeActivation == ActivationKind.Sigmoid) return JacobianMethod.SigmoidClosedForm;
            if (dense.CodeActivation == ActivationKind.Tanh) return JacobianMethod.TanhClosedForm;
        }
        return JacobianMethod.Autograd;
    }

    /// <inheritdoc />
    public Tensor Compute(PenaltyInput input) => SquaredNorms(input).mean() * Weight;

    /// <summary>
    /// ‖J_f(x)‖²_F per sample, <c>[B]</c>, unweighted. Differentiable (to the encoder's weights)
    /// when gradients are enabled; detached under <c>no_grad</c>.
    /// </summary>
    public Tensor SquaredNorms(PenaltyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Method switch
        {
            JacobianMethod.SigmoidClosedForm => ClosedForm(input, h => h * (1 - h)),
            JacobianMethod.TanhClosedForm => ClosedForm(input, h => 1 - h.square()),
            _ => EncoderJacobian.SquaredFrobeniusNorms(input.Encode, input.Input, input.Code.shape[1],
                createGraph: is_grad_enabled(), perUnit: Method == JacobianMethod.AutogradPerUnit),
        };
    }

    static Tensor ClosedForm(PenaltyInput input, Func<Tensor, Tensor> derivativeFromCode)
    {
        // h = a(Wx + b) ⇒ J = diag(a'(Wx + b)) W ⇒ ‖J‖²_F = Σ_k a'_k² ‖W_k·‖², with a' written in terms of h.
        var weight = SingleLinearWeight(input.Encoder);
        if (weight.shape[0] != input.Code.shape[1])
            throw new InvalidOperationException($"The encoder's layer has {weight.shape[0]} outputs but the code has {input.Code.shape[1]} units.");
        var rowNorms = weight.square().sum(1);
        return derivativeFromCode(input.Code).square().matmul(rowNorms);
    }

    static Tensor SingleLinearWeight(nn.Module? encoder)
    {
        if (encoder is null)
            throw new InvalidOperationException("The contractive closed form needs the encoder module (PenaltyInput.Encoder); use JacobianMethod.Autograd otherwise.");
        var modules = encoder.modules().ToList();
        var linear = modules.OfType<Linear>().ToList();
        if (linear.Count != 1 || modules.Any(m => m is Conv1d or Conv2d or Conv3d))
            throw new InvalidOperationException($"The contractive closed form needs a one-layer dense encoder; this one has {linear.Count} linear layers. Use JacobianMethod.Autograd.");
        return linear[0].weight!;
    }
}
