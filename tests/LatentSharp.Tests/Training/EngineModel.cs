using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

/// <summary>
/// A configurable trainable test double for the engine's contracts: declared phases, a convergence
/// epoch, per-step figures from a script, a weight that counts steps, and a log of what the Trainer told it.
/// </summary>
internal sealed class EngineModel : IPhasedTrainable
{
    readonly Tensor _weight = zeros(1);
    readonly Tensor _stepCount = zeros(1);

    public string Name => "engine-test";
    public ModelOptions Options { get; init; } = new TrainerOptions();
    public long[] InputShape => [1, 8, 8];
    public Device Device => CPU;
    public IReadOnlyDictionary<string, Tensor> State => new Dictionary<string, Tensor> { ["weight"] = _weight };
    public IReadOnlyDictionary<string, Tensor> TrainingState => new Dictionary<string, Tensor> { ["steps"] = _stepCount };

    public IReadOnlyList<TrainingPhase> Phases { get; init; } = [new("only", 0, "everything")];
    /// <summary>Figures of one step, from (step, context).</summary>
    public Func<long, TrainingContext, Dictionary<string, double>> StepFigures { get; init; } = (_, _) => new() { ["loss"] = 1 };
    /// <summary>Validation loss of the n-th evaluation.</summary>
    public Func<int, double> ValidationLoss { get; init; } = _ => 1;
    /// <summary>Converged once this many EndEpoch calls have happened (0: never).</summary>
    public int ConvergeAfterEpochs { get; init; }
    /// <summary>Added to the weight at every step (NaN poisons it).</summary>
    public Func<long, double> WeightIncrement { get; init; } = _ => 1;

    public List<string> Log { get; } = [];
    public List<(int Phase, long Batch, long BatchesPerEpoch, bool Last, long TotalSteps)> Steps { get; } = [];
    public int EndEpochCalls { get; private set; }
    int _evaluations;

    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        Steps.Add((context.PhaseIndex, context.BatchInEpoch, context.BatchesPerEpoch, context.IsLastBatchOfEpoch, context.TotalSteps));
        _weight.add_(WeightIncrement(context.Step));
        _stepCount.add_(1);
        return StepFigures(context.Step, context);
    }

    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        Log.Add($"evaluate phase {context.PhaseIndex}");
        return new Dictionary<string, double> { ["loss"] = ValidationLoss(_evaluations++) };
    }

    public MetricKind KindOf(string metric) => metric == "elbo" ? MetricKind.Bound : MetricKind.Proxy;

    public void EndEpoch(TrainingContext context)
    {
        EndEpochCalls++;
        Log.Add($"end epoch {context.Epoch}");
    }

    public bool HasConverged => ConvergeAfterEpochs > 0 && EndEpochCalls >= ConvergeAfterEpochs;

    public float Weight => _weight.item<float>();

    public void Dispose()
    {
        _weight.Dispose();
        _stepCount.Dispose();
    }
}
