using LatentSharp.Options;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// An optimiser as data: which update and its hyper-parameters. <see cref="OptimizerFactory.Create"/>
/// builds it over named parameters. Defaults are PyTorch's (Adam β = (0.9, 0.999), ε = 1e-8;
/// RMSprop α = 0.99), except the learning rate.
/// </summary>
public sealed record OptimizerSpec
{
    /// <summary>Which update.</summary>
    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;

    /// <summary>Step size, constant or scheduled over the run (set before every step).</summary>
    public Schedule LearningRate { get; init; } = Schedule.Constant(1e-3);

    /// <summary>Adam's decay of the first moment, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's decay of the second moment, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the root of the second moment (Adam, RMSprop), &gt; 0.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Heavy-ball momentum (SGD, RMSprop), in [0, 1); 0 for none.</summary>
    public double Momentum { get; init; }

    /// <summary>L2 weight decay added to the gradient, in [0, 1].</summary>
    public double WeightDecay { get; init; }

    /// <summary>RMSprop's smoothing constant α of the mean squared gradient, in [0, 1).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>Centred RMSprop: divides by an estimate of the gradient's variance rather than its second moment.</summary>
    public bool Centered { get; init; }

    /// <summary>Throws <see cref="InvalidOptionException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new InvalidOptionException(nameof(Kind), Kind, "one of " + string.Join(", ", Enum.GetNames<OptimizerKind>()));
        ArgumentNullException.ThrowIfNull(LearningRate);
        // A schedule may start or end at 0 (warm-up from nothing, decay to nothing) but must step somewhere.
        if (LearningRate.Start < 0 || LearningRate.End < 0 || !(Math.Max(LearningRate.Start, LearningRate.End) > 0))
            throw new InvalidOptionException(nameof(LearningRate), LearningRate, "> 0 (a schedule's start and end >= 0, one of them > 0)");
        Require(nameof(Beta1), Beta1, Beta1 >= 0 && Beta1 < 1, "in [0, 1)");
        Require(nameof(Beta2), Beta2, Beta2 >= 0 && Beta2 < 1, "in [0, 1)");
        Require(nameof(Epsilon), Epsilon, Epsilon > 0 && double.IsFinite(Epsilon), "> 0");
        Require(nameof(Momentum), Momentum, Momentum >= 0 && Momentum < 1, "in [0, 1)");
        Require(nameof(WeightDecay), WeightDecay, WeightDecay >= 0 && WeightDecay <= 1, "in [0, 1]");
        Require(nameof(Alpha), Alpha, Alpha >= 0 && Alpha < 1, "in [0, 1)");
    }

    static void Require(string field, double value, bool ok, string allowed)
    {
        if (!ok) throw new InvalidOptionException(field, value, allowed);
    }
}
