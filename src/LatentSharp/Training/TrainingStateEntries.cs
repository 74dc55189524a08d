using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// Builds a model's <see cref="ITrainable.TrainingState"/> from its parts (optimisers, chains,
/// running averages), refusing two entries with one key: a silent overwrite would checkpoint
/// one tensor and lose the other, and a resume would load one into both.
/// </summary>
public static class TrainingStateEntries
{
    /// <summary>The entries as a dictionary.</summary>
    /// <exception cref="InvalidOperationException">Two entries share a key; the message names it.</exception>
    public static IReadOnlyDictionary<string, Tensor> Combine(IEnumerable<(string Key, Tensor Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            if (!state.TryAdd(key, value))
                throw new InvalidOperationException($"Two training-state entries have the key '{key}'; each must be unique (give each optimiser or buffer its own name).");
        return state;
    }
}
