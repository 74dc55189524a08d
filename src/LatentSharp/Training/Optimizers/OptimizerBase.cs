using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// What every optimiser here shares: the parameters it updates, its state as named tensors
/// allocated up front (so a checkpoint can be loaded into them before the first step), gradient
/// clearing and disposal. Subclasses add their per-parameter buffers with <see cref="AddState"/>.
/// </summary>
public abstract class OptimizerBase : IOptimizer
{
    readonly Dictionary<string, Tensor> _state = new();

    /// <summary>Takes the named parameters and the initial step size.</summary>
    protected OptimizerBase(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        NamedParameters = parameters.ToArray();
        LearningRate = learningRate;
    }

    /// <summary>The parameters, in the order given, with their stable names.</summary>
    protected IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters { get; }

    /// <inheritdoc />
    public double LearningRate { get; set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <summary>Registers <paramref name="tensor"/> as state under <paramref name="name"/> and keeps it alive beyond any dispose scope.</summary>
    protected Tensor AddState(string name, Tensor tensor)
    {
        var kept = tensor.DetachFromDisposeScope();
        _state.Add(name, kept);
        return kept;
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var (_, parameter) in NamedParameters) parameter.grad = null;
    }

    /// <inheritdoc />
    public abstract void Step();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _state.Values) tensor.Dispose();
        GC.SuppressFinalize(this);
    }
}
