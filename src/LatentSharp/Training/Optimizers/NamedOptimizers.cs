using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// A model's optimisers by name, each over the parameter group it was declared with (a GAN:
/// <c>generator</c> and <c>discriminator</c>; a stacked autoencoder: one per greedy layer and one
/// for the whole stack). An optimiser is built on first use, so a model loaded only to encode
/// allocates no optimiser state, and none is built over parameters nobody declared. Each one's
/// learning rate follows its spec's <see cref="Options.Schedule"/> (<see cref="FollowSchedules"/>);
/// its state is checkpointed as <c>{name}.{key}</c> (<see cref="State"/>).
/// </summary>
public sealed class NamedOptimizers : IDisposable
{
    sealed record Declaration(OptimizerSpec Spec, (string Name, Parameter Parameter)[] Parameters)
    {
        public IOptimizer? Built { get; set; }
    }

    readonly Dictionary<string, Declaration> _declarations = new(StringComparer.Ordinal);
    readonly List<string> _order = new();
    long _step, _totalSteps;

    /// <summary>The declared names, in declaration order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>
    /// Declares optimiser <paramref name="name"/> (letters, digits, '_' and '-'; no dot, since dots
    /// separate the parts of a state key) over <paramref name="parameters"/>. The spec is
    /// validated now; the optimiser is built on first use.
    /// </summary>
    /// <exception cref="ArgumentException">The name is malformed or already declared.</exception>
    /// <exception cref="Options.InvalidOptionException">A field of the spec is out of range.</exception>
    public void Declare(string name, OptimizerSpec spec, IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ArgumentException($"An optimiser name is letters, digits, '_' and '-' (it prefixes its state keys); got '{name}'.", nameof(name));
        if (_declarations.ContainsKey(name))
            throw new ArgumentException($"An optimiser named '{name}' is already declared.", nameof(name));
        spec.Validate();
        var group = parameters.ToArray();
        if (group.Length == 0) throw new ArgumentException($"Optimiser '{name}' was declared over no parameters.", nameof(parameters));
        _declarations.Add(name, new Declaration(spec, group));
        _order.Add(name);
    }

    /// <summary>Whether an optimiser of that name is declared.</summary>
    public bool Contains(string name) => _declarations.ContainsKey(name);

    /// <summary>Whether optimiser <paramref name="name"/> has been built (and its state allocated).</summary>
    public bool IsBuilt(string name) => Find(name).Built is not null;

    /// <summary>The spec optimiser <paramref name="name"/> was declared with.</summary>
    public OptimizerSpec SpecOf(string name) => Find(name).Spec;

    /// <summary>Optimiser <paramref name="name"/>, built on first use with the learning rate of the current step.</summary>
    /// <exception cref="KeyNotFoundException">No optimiser of that name was declared; the message lists those that were.</exception>
    public IOptimizer this[string name]
    {
        get
        {
            var declaration = Find(name);
            if (declaration.Built is null)
            {
                declaration.Built = OptimizerFactory.Create(declaration.Spec, declaration.Parameters);
                declaration.Built.LearningRate = declaration.Spec.LearningRate.ValueAt(_step, _totalSteps);
            }
            return declaration.Built;
        }
    }

    /// <summary>
    /// Sets every optimiser's learning rate to its schedule's value for the step after
    /// <paramref name="step"/> completed steps of a run of <paramref name="totalSteps"/>
    /// (<see cref="TrainingContext.Step"/>, <see cref="TrainingContext.TotalSteps"/>). Those built
    /// later start at this step's value too.
    /// </summary>
    public void FollowSchedules(long step, long totalSteps)
    {
        (_step, _totalSteps) = (step, totalSteps);
        foreach (var declaration in _declarations.Values)
            if (declaration.Built is { } optimizer) optimizer.LearningRate = declaration.Spec.LearningRate.ValueAt(step, totalSteps);
    }

    /// <summary>
    /// Every optimiser's state as <c>{name}.{key}</c> (building those not yet built, so a checkpoint
    /// can be loaded into them). Two entries with one key are refused (<see cref="TrainingStateEntries"/>).
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> State =>
        TrainingStateEntries.Combine(_order.SelectMany(name => this[name].State.Select(kv => ($"{name}.{kv.Key}", kv.Value))));

    Declaration Find(string name) =>
        _declarations.TryGetValue(name, out var declaration)
            ? declaration
            : throw new KeyNotFoundException($"No optimiser named '{name}'; declared: {(_order.Count == 0 ? "none" : string.Join(", ", _order))}.");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var declaration in _declarations.Values) declaration.Built?.Dispose();
    }
}
