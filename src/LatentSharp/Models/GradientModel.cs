using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// Base of models trained by gradient descent on one loss: a network, an optimiser built from
/// the options, and the default step forward → <see cref="LossOutput"/> → backward → step.
/// Models with several optimisers (adversarial ones) override <see cref="TrainStep"/>.
/// </summary>
/// <typeparam name="TOptions">The model's options record.</typeparam>
public abstract class GradientModel<TOptions> : ITrainable where TOptions : GradientModelOptions
{
    nn.Module? _network;
    IOptimizer? _optimizer;
    Dictionary<string, Tensor>? _state;

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

    /// <summary>The optimiser over the network's parameters.</summary>
    protected IOptimizer Optimizer => _optimizer ?? throw new InvalidOperationException($"{GetType().Name} did not call Initialize.");

    /// <summary>Call at the end of the derived constructor: moves the network to the device, lays its parameters in one buffer and builds the optimiser.</summary>
    protected void Initialize(nn.Module network)
    {
        _network = network;
        network.to(Device);
        ParameterBuffer.Consolidate(network);
        var parameters = network.named_parameters().ToList();
        _optimizer = Options.Optimizer switch
        {
            OptimizerKind.Adam => new Adam(parameters, Options.LearningRate, weightDecay: Options.WeightDecay),
            OptimizerKind.Sgd => new Sgd(parameters, Options.LearningRate, Options.Momentum, Options.WeightDecay),
            _ => throw new InvalidOptionException(nameof(Options.Optimizer), Options.Optimizer, "adam or sgd"),
        };
        _state = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state ?? throw new InvalidOperationException($"{GetType().Name} did not call Initialize.");

    /// <inheritdoc />
    public virtual IReadOnlyDictionary<string, Tensor> TrainingState => Optimizer.State;

    /// <summary>The forward pass and loss for one batch; used by training and evaluation alike.</summary>
    protected abstract LossOutput ComputeLoss(Batch batch, TrainingContext context);

    /// <inheritdoc />
    public virtual IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
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
        _optimizer?.Dispose();
        _network?.Dispose();
    }
}
