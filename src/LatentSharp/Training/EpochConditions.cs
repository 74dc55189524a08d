using LatentSharp.Data;
using LatentSharp.Evaluation;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// Collects an epoch's warnings: what the model finds in its own figures (<see cref="IInspectsEpochs"/>)
/// and what the trainer's checks find (<see cref="IEpochCheck"/>, e.g. mode collapse from samples).
/// </summary>
public static class EpochConditions
{
    /// <summary>The checks a <see cref="Trainer"/> runs unless told otherwise: <see cref="ModeCollapseCheck"/>.</summary>
    public static IReadOnlyList<IEpochCheck> DefaultChecks { get; } = [new ModeCollapseCheck()];

    /// <summary>
    /// The conditions after the epoch of <paramref name="record"/>. Each check gets a generator seeded by
    /// <paramref name="seed"/> (the trainer mixes in the epoch), so checks never move the training stream.
    /// </summary>
    public static IReadOnlyList<TrainingCondition> Find(ITrainable model, EpochRecord record, IBatchSource train, IReadOnlyList<IEpochCheck> checks, long seed)
    {
        var found = new List<TrainingCondition>();
        if (model is IInspectsEpochs inspecting) found.AddRange(inspecting.InspectEpoch(record));
        foreach (var check in checks)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)seed, model.Device);
            found.AddRange(check.Check(model, record, train, generator));
        }
        return found;
    }
}
