using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// Base of models trained by gradient descent: a network, named optimisers over the parameter
/// groups the model declares (<see cref="DeclareOptimizer"/>), and the default step forward →
/// <see cref="LossOutput"/> → backward → step of the optimiser named <see cref="MainOptimizerName"/>.
/// Before every step each optimiser's learning rate is set from its schedule. Models with several
/// optimisers (adversarial ones) override <see cref="TrainBatch"/> and step them by name:
/// <c>Optimizers["discriminator"].Step()</c>.
/// </summary>
/// <typeparam name="TOptions">The model's options record.</typeparam>
public abstract class GradientModel<TOptions> : ITrainable where TOptions : GradientModelOptions
{
    /// <summary>The name of the optimiser the default <see cref="TrainBatch"/> steps (and <c>--lr</c> sets).</summary>
    public const string MainOptimizerName = "main";

    nn.Module? _network;
    readonly NamedOptimizers _optimizers = new();
    Dictionary<string, Tensor>? _state;
    IReadOnlyDictionary<string, Tensor>? _trainingState;

    /// <summary>Validates the options and records the input shape and device.</summary>
    protected GradientModel(string name, TOptions options, long[] inputShape, Device device)
    {
        var checkedShape = ModelArguments.Check(options, inputShape);
        Name = name;
        Options = options;
        InputShape = checkedShape;
        Device = device;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The validated hyper-parameters.</summary>
    public TOptions Options { get; }

    ModelOptions IModel.Options => Options;

    /// <inheritdoc />
    public long[] InputShape { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>Elements in one input sample.</summary>
    public long InputSize => InputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The trained network (set by <see cref="Initialize"/>).</summary>
    protected nn.Module Network => _network ?? throw new InvalidOperationException($"{GetType().Name} did not call Initialize.");

    /// <summary>The model's optimisers by name.</summary>
    protected NamedOptimizers Optimizers => _optimizers;

    /// <summary>The optimiser named <see cref="MainOptimizerName"/>.</summary>
    protected IOptimizer Optimizer => _optimizers[MainOptimizerName];

    /// <summary>Call at the end of the derived constructor, before declaring optimisers: moves the network to the device and lays its parameters in one buffer.</summary>
    protected void Initialize(nn.Module network)
    {
        _network = network;
        network.to(Device);
        ParameterBuffer.Consolidate(network);
        _state = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <summary>
    /// Declares optimiser <paramref name="name"/> over <paramref name="parameters"/> (e.g. a
    /// sub-network's <c>named_parameters()</c>), in the constructor after <see cref="Initialize"/>.
    /// Its state is checkpointed as <c>{name}.{key}</c>; it is built on first use.
    /// </summary>
    protected void DeclareOptimizer(string name, OptimizerSpec spec, IEnumerable<(string Name, TorchSharp.Modules.Parameter Parameter)> parameters)
    {
        if (_trainingState is not null)
            throw new InvalidOperationException($"{GetType().Name}: declare optimisers in the constructor, before the training state is read.");
        _optimizers.Declare(name, spec, parameters);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state ?? throw new InvalidOperationException($"{GetType().Name} did not call Initialize.");

    /// <summary>Every optimiser's state (<c>{name}.{key}</c>) and <see cref="AdditionalTrainingState"/>; two entries with one key are refused.</summary>
    public IReadOnlyDictionary<string, Tensor> TrainingState =>
        _trainingState ??= TrainingStateEntries.Combine(_optimizers.State.Select(kv => (kv.Key, kv.Value)).Concat(AdditionalTrainingState()));

    /// <summary>Training state besides the optimisers' (persistent chains, running averages), by key.</summary>
    protected virtual IEnumerable<(string Key, Tensor Value)> AdditionalTrainingState() => [];

    /// <summary>What kind of number a figure is (see <see cref="ITrainable.KindOf"/>): losses and their parts are proxies unless a model says otherwise (a VAE's ELBO is a bound).</summary>
    public virtual MetricKind KindOf(string metric) => MetricKind.Proxy;

    /// <summary>The forward pass and loss for one batch; used by training and evaluation alike.</summary>
    protected abstract LossOutput ComputeLoss(Batch batch, TrainingContext context);

    /// <summary>Sets every optimiser's learning rate from its schedule at <see cref="TrainingContext.Step"/>, then trains on the batch (<see cref="TrainBatch"/>).</summary>
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _optimizers.FollowSchedules(context.Step, context.TotalSteps);
        return TrainBatch(batch, context);
    }

    /// <summary>One training step on <paramref name="batch"/>; by default forward, backward and a step of the main optimiser.</summary>
    protected virtual IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        Optimizer.ZeroGrad();
        var output = ComputeLoss(batch, context);
        output.Loss.backward();
        Optimizer.Step();
        return output.ToMetrics();
    }

    /// <inheritdoc />
    public virtual IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        var accumulator = new MetricAccumulator();
        Network.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var (start, length) in BatchRanges.Of(data.Count, context.BatchSize))
            {
                using var scope = NewDisposeScope();
                var batch = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), Device);
                accumulator.Add(ComputeLoss(batch, context).ToMetrics(), length);
            }
        }
        finally
        {
            Network.train();
        }
        return accumulator.Means();
    }

    /// <summary>Runs <paramref name="forward"/> in evaluation mode without gradients, batch by batch, and concatenates the results.</summary>
    protected Tensor InferBatched(Tensor input, Func<Tensor, Tensor> forward, int batchSize = 1024)
    {
        CheckInput(input);
        Network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var parts = new List<Tensor>();
            for (long start = 0; start < input.shape[0]; start += batchSize)
            {
                var chunk = input.narrow(0, start, Math.Min(batchSize, input.shape[0] - start)).to(Device);
                parts.Add(forward(chunk));
            }
            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            Network.train();
        }
    }

    /// <summary>Runs <paramref name="compute"/> once in evaluation mode without gradients; its result leaves the scope.</summary>
    protected Tensor Infer(Func<Tensor> compute)
    {
        Network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return compute().MoveToOuterDisposeScope();
        }
        finally
        {
            Network.train();
        }
    }

    /// <summary>Refuses input whose sample shape differs from <see cref="InputShape"/>.</summary>
    protected void CheckInput(Tensor input)
    {
        var sample = input.shape.Skip(1).ToArray();
        bool sameShape = sample.SequenceEqual(InputShape);
        bool sameSize = sample.Aggregate(1L, (a, b) => a * b) == InputSize && input.dim() >= 2;
        if (!sameShape && !sameSize)
            throw new ArgumentException(ModelArguments.ShapeMismatch(Name, InputShape, input.shape), nameof(input));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the network and optimiser.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _optimizers.Dispose();
        _network?.Dispose();
    }
}
