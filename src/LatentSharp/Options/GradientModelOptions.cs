using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Training.Optimizers;

namespace LatentSharp.Options;

/// <summary>The optimiser a gradient-trained model uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015).</summary>
    Adam,
    /// <summary>Stochastic gradient descent with (optional) momentum.</summary>
    Sgd,
    /// <summary>RMSprop (Hinton, 2012), as <c>torch.optim.RMSprop</c>.</summary>
    RmsProp,
}

/// <summary>
/// Hyper-parameters every gradient-trained model shares: those of its main optimiser
/// (<see cref="MainOptimizer"/>). Models with more optimisers declare their specs themselves.
/// </summary>
public abstract record GradientModelOptions : ModelOptions
{
    /// <summary>
    /// Step size, a number or a <see cref="Schedule"/> over the run such as <c>cosine:1e-3-&gt;0</c>
    /// or <c>linear:1e-3-&gt;1e-5,warmup=500</c>; Adam's usual range is 1e-4 to 1e-2.
    /// </summary>
    [Description("Learning rate, a number or a schedule (linear:1e-3->1e-5, cosine:1e-3->0, step:1e-3*0.5@every=1000, ...,warmup=500); Adam: 1e-4..1e-2 is usual")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public Schedule LearningRate { get; init; } = Schedule.Constant(1e-3);

    /// <summary>Which optimiser updates the weights.</summary>
    [Description("Optimiser: adam, sgd or rms-prop")]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Momentum of SGD (ignored by Adam and RMSprop, whose momentum is 0 here as in PyTorch).</summary>
    [Description("SGD momentum (ignored by adam and rms-prop)")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay added to the gradient.</summary>
    [Description("L2 weight decay")]
    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; }

    /// <summary>Adam's decay rate β₁ of the gradient's running mean.</summary>
    [Description("Adam beta1: decay of the gradient's running mean")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's decay rate β₂ of the squared gradient's running mean.</summary>
    [Description("Adam beta2: decay of the squared gradient's running mean")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the root of the squared gradient's mean (Adam, RMSprop) so steps stay finite.</summary>
    [Description("Adam/RMSprop epsilon added to the root of the squared gradient's mean")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The spec of the model's main optimiser, from these options.</summary>
    public OptimizerSpec MainOptimizer() => new()
    {
        Kind = Optimizer,
        LearningRate = LearningRate,
        Momentum = Optimizer == OptimizerKind.Sgd ? Momentum : 0,
        WeightDecay = WeightDecay,
        Beta1 = Beta1,
        Beta2 = Beta2,
        Epsilon = Epsilon,
    };
}
