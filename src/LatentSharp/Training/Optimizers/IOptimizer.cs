using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// A gradient optimiser whose whole state is a set of named tensors, so checkpoints hold it
/// exactly and a resumed run continues bit-for-bit.
/// </summary>
public interface IOptimizer : IDisposable
{
    /// <summary>The current step size.</summary>
    double LearningRate { get; set; }

    /// <summary>Forgets the gradients (sets them to none, saving a memset per step).</summary>
    void ZeroGrad();

    /// <summary>Updates the parameters from their gradients.</summary>
    void Step();

    /// <summary>Optimiser state by stable name (live tensors).</summary>
    IReadOnlyDictionary<string, Tensor> State { get; }
}
