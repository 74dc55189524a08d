using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LatentSharp.Options;

/// <summary>The optimiser a gradient-trained model uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015).</summary>
    Adam,
    /// <summary>Stochastic gradient descent with (optional) momentum.</summary>
    Sgd,
}

/// <summary>Hyper-parameters every gradient-trained model shares.</summary>
public abstract record GradientModelOptions : ModelOptions
{
    /// <summary>Step size; Adam's usual range is 1e-4 to 1e-2.</summary>
    [Description("Learning rate (Adam: 1e-4..1e-2 is usual)")]
    [Range(0.0, 10.0, MinimumIsExclusive = true)]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Which optimiser updates the weights.</summary>
    [Description("Optimiser: adam or sgd")]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Momentum of SGD (ignored by Adam).</summary>
    [Description("SGD momentum (ignored by adam)")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay added to the gradient.</summary>
    [Description("L2 weight decay")]
    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; }
}
