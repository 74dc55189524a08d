using LatentSharp.Data;
using LatentSharp.Models.Competitive;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// A SelfOrganizingMap trained by the Trainer from given initial prototypes instead of its own
/// initialisation: the bench's way to start LatentSharp and kohonen from the same codes (som --init),
/// so any difference in the result is the training algorithm's, not the seed's.
/// </summary>
sealed class SomGivenStart(SelfOrganizingMap map, Tensor start) : IDataInitialized
{
    public void InitializeFromData(IBatchSource data, TrainingContext context)
    {
        using var noGrad = no_grad();
        map.Prototypes.copy_(start);
    }
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context) => map.TrainStep(batch, context);
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) => map.Evaluate(data, context);
    public IReadOnlyDictionary<string, Tensor> TrainingState => map.TrainingState;
    public void EndEpoch(TrainingContext context) => ((ITrainable)map).EndEpoch(context);
    public string Name => map.Name;
    public ModelOptions Options => ((LatentSharp.Models.IModel)map).Options;
    public long[] InputShape => map.InputShape;
    public Device Device => map.Device;
    public IReadOnlyDictionary<string, Tensor> State => map.State;
    public void Dispose() { }
}
