using LatentSharp.Models;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Training;

// The trainer's reads and writes of its run folder: checkpoints (never with non-finite weights),
// the best epoch's weights, and metrics.jsonl kept in step with the checkpoint.
public sealed partial class Trainer
{
    /// <summary>Puts the best epoch's weights back into the model (from the run folder, or from memory without one).</summary>
    void RestoreBest(ITrainable model, BestWeights best)
    {
        if (_runDirectory is not null)
        {
            var path = Path.Combine(_runDirectory, ModelFileName);
            var (tensors, _) = SafeTensorsFile.Read(path);
            try { ModelFile.CopyState(model.State, tensors, path, "model"); }
            finally { foreach (var t in tensors.Values) t.Dispose(); }
        }
        else best.CopyInto(model);
    }

    static void EnsureFiniteState(IModel model, int epoch, long step)
    {
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in model.State)
            if (tensor.is_floating_point() && !isfinite(tensor).all().item<bool>())
                throw new TrainingDivergedException(epoch, step, $"parameter '{name}'");
    }

    void SaveCheckpoint(ITrainable model, Generator generator, TrainerPosition position)
    {
        if (_runDirectory is null) return;
        // A checkpoint is never written with non-finite parameters: the last good one stays.
        EnsureFiniteState(model, position.Epoch, position.Step);
        TrainerCheckpoint.Save(CheckpointPath(_runDirectory), model, generator, position);
    }

    TrainerPosition LoadCheckpoint(ITrainable model, Generator generator) =>
        TrainerCheckpoint.Load(CheckpointPath(_runDirectory!), model, generator, _options.Seed, _options.BatchSize);

    /// <summary>Keeps the metrics lines of the epochs the checkpoint covers (a killed run may have written one more).</summary>
    List<EpochRecord> TruncateMetrics(int epochs)
    {
        var path = Path.Combine(_runDirectory!, MetricsFileName);
        var kept = MetricsFile.Read(path).Take(epochs).ToList();
        MetricsFile.Write(path, kept);
        return kept;
    }

    /// <summary>Reads a metrics.jsonl file: one dictionary of figures per epoch (see <see cref="MetricsFile.Read"/> for phases and kinds).</summary>
    public static List<IReadOnlyDictionary<string, double>> ReadMetrics(string path) =>
        MetricsFile.Read(path).Select(r => r.Values).ToList();
}
