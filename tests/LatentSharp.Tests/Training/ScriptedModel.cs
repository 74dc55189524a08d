using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

/// <summary>A trainable test double whose losses follow a script.</summary>
internal sealed class ScriptedModel : ITrainable
{
    readonly Func<long, double> _trainLoss;
    readonly Func<int, double> _validationLoss;
    readonly Tensor _weight = zeros(2);
    readonly Tensor _counter = zeros(1);

    public ScriptedModel(Func<long, double> trainLoss, Func<int, double>? validationLoss = null, long[]? inputShape = null)
    {
        _trainLoss = trainLoss;
        _validationLoss = validationLoss ?? (_ => 1.0);
        InputShape = inputShape ?? [1, 8, 8];
    }

    public string Name => "scripted";
    public ModelOptions Options { get; } = new TrainerOptions();
    public long[] InputShape { get; }
    public Device Device => CPU;
    public IReadOnlyDictionary<string, Tensor> State => new Dictionary<string, Tensor> { ["weight"] = _weight };
    public IReadOnlyDictionary<string, Tensor> TrainingState => new Dictionary<string, Tensor> { ["counter"] = _counter };
    public int Evaluations { get; private set; }

    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        _counter.add_(1);
        var loss = _trainLoss(context.Step);
        if (double.IsNaN(loss)) _weight.fill_(double.NaN);
        else _weight.add_(0.5);
        return new Dictionary<string, double> { ["loss"] = loss };
    }

    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) =>
        new Dictionary<string, double> { ["loss"] = _validationLoss(Evaluations++) };

    public void Dispose()
    {
        _weight.Dispose();
        _counter.Dispose();
    }
}
