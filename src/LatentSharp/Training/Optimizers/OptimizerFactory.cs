using LatentSharp.Options;
using TorchSharp.Modules;

namespace LatentSharp.Training.Optimizers;

/// <summary>The one place an <see cref="IOptimizer"/> is built from an <see cref="OptimizerSpec"/>.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// Validates <paramref name="spec"/> and builds its optimiser over <paramref name="parameters"/>,
    /// with the learning rate at the schedule's first step.
    /// </summary>
    /// <exception cref="InvalidOptionException">A field of the spec is out of range.</exception>
    public static IOptimizer Create(OptimizerSpec spec, IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parameters);
        spec.Validate();
        double learningRate = spec.LearningRate.ValueAt(0, 0);
        return spec.Kind switch
        {
            OptimizerKind.Adam => new Adam(parameters, learningRate, spec.Beta1, spec.Beta2, spec.Epsilon, spec.WeightDecay),
            OptimizerKind.Sgd => new Sgd(parameters, learningRate, spec.Momentum, spec.WeightDecay),
            OptimizerKind.RmsProp => new RmsProp(parameters, learningRate, spec.Alpha, spec.Epsilon, spec.WeightDecay, spec.Momentum, spec.Centered),
            _ => throw new InvalidOptionException(nameof(spec.Kind), spec.Kind, "adam, sgd or rms-prop"),
        };
    }
}
