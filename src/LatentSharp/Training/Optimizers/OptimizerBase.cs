using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// What every optimiser here shares: the parameters it updates; its state as named tensors
/// allocated up front (so a checkpoint can be loaded into them before the first step), one
/// per-parameter buffer per kind (<c>{parameter}.{kind}</c>); gradient clearing; and the step
/// loop. An optimiser with a fused kernel for the tensors at hand updates them all in one pass
/// (<see cref="TryUpdateFused"/>). Otherwise, when the parameters lie back to back in one buffer
/// (<see cref="ParameterBuffer"/>), a step is one <see cref="Update"/> over the whole vector, and
/// else one per parameter. All give the same numbers up to float rounding.
/// </summary>
public abstract class OptimizerBase : IOptimizer
{
    readonly Dictionary<string, Tensor> _state = new();
    readonly List<Tensor> _owned = new();
    readonly Parameter[] _parameters;
    readonly Tensor? _flatParameters;
    readonly Tensor[] _flatBuffers;
    readonly Tensor[][] _buffersByParameter;

    /// <summary>Takes the named parameters, the initial step size and the kinds of per-parameter buffer the update keeps.</summary>
    protected OptimizerBase(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate, params string[] bufferKinds)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var named = parameters.ToArray();
        _parameters = named.Select(p => p.Parameter).ToArray();
        LearningRate = learningRate;
        // A view of the shared buffer, owned here: the optimiser may be built inside a step's dispose scope.
        _flatParameters = ParameterBuffer.Covering(_parameters) is { } flat ? Own(flat) : null;
        long total = _parameters.Sum(p => p.numel());
        var sample = _parameters.FirstOrDefault();
        // Each kind of buffer is one flat tensor and the per-parameter names in State are views of it,
        // unless the parameters differ in dtype or device: then each gets its own tensors.
        bool uniform = _parameters.All(p => p.dtype == sample!.dtype && p.device_type == sample.device_type && p.device_index == sample.device_index);
        _flatBuffers = uniform
            ? bufferKinds.Select(_ => Own(zeros(total, dtype: sample?.dtype ?? ScalarType.Float32, device: sample?.device ?? CPU))).ToArray()
            : [];
        _buffersByParameter = new Tensor[_parameters.Length][];
        long offset = 0;
        for (int i = 0; i < named.Length; i++)
        {
            long count = _parameters[i].numel();
            _buffersByParameter[i] = new Tensor[bufferKinds.Length];
            for (int k = 0; k < bufferKinds.Length; k++)
                _buffersByParameter[i][k] = AddState($"{named[i].Name}.{bufferKinds[k]}",
                    uniform ? _flatBuffers[k].narrow(0, offset, count).view(_parameters[i].shape) : zeros_like(_parameters[i]));
            offset += count;
        }
    }

    /// <inheritdoc />
    public double LearningRate { get; set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <summary>Registers <paramref name="tensor"/> as state under <paramref name="name"/> and keeps it alive beyond any dispose scope.</summary>
    protected Tensor AddState(string name, Tensor tensor)
    {
        var kept = Own(tensor);
        _state.Add(name, kept);
        return kept;
    }

    /// <summary>Keeps a tensor the optimiser needs but does not checkpoint (constants); disposed with it.</summary>
    protected Tensor Keep(Tensor tensor) => Own(tensor);

    Tensor Own(Tensor tensor)
    {
        var kept = tensor.DetachFromDisposeScope();
        _owned.Add(kept);
        return kept;
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters) parameter.grad = null;
    }

    /// <inheritdoc />
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        BeginStep();
        // Parameters without a gradient this step are left alone, as in torch.optim.
        var updates = new List<(Tensor Parameter, Tensor Gradient, Tensor[] Buffers)>(_parameters.Length);
        for (int i = 0; i < _parameters.Length; i++)
            if (_parameters[i].grad is { } gradient) updates.Add((_parameters[i], gradient, _buffersByParameter[i]));
        if (TryUpdateFused(updates)) return;
        if (_flatParameters is not null && updates.Count == _parameters.Length)
        {
            Update(_flatParameters, cat(updates.Select(u => u.Gradient.reshape(-1)).ToList(), 0), _flatBuffers);
            return;
        }
        foreach (var (parameter, gradient, buffers) in updates) Update(parameter, gradient, buffers);
    }

    /// <summary>
    /// Updates every parameter that has a gradient (with its gradient and buffers) in one fused pass,
    /// when the optimiser has such a pass for these tensors; false to fall back to <see cref="Update"/>.
    /// </summary>
    protected virtual bool TryUpdateFused(IReadOnlyList<(Tensor Parameter, Tensor Gradient, Tensor[] Buffers)> updates) => false;

    /// <summary>Called once at the start of each step (step counters, bias corrections).</summary>
    protected virtual void BeginStep() { }

    /// <summary>
    /// Updates <paramref name="parameter"/> in place from <paramref name="gradient"/>, with this
    /// optimiser's buffers for it (in the order of the kinds given to the constructor). Called with
    /// the whole flat vector or with one parameter at a time; it must be elementwise.
    /// </summary>
    protected abstract void Update(Tensor parameter, Tensor gradient, Tensor[] buffers);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _owned) tensor.Dispose();
        GC.SuppressFinalize(this);
    }
}
