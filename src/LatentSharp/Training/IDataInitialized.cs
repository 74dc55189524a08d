using LatentSharp.Data;

namespace LatentSharp.Training;

/// <summary>
/// A trainable model that looks at the training data once before the first step: k-means++
/// seeding, dictionary atoms drawn from samples, a SOM spread along the data's principal axes.
/// The <see cref="Trainer"/> calls <see cref="InitializeFromData"/> at the start of a fresh run
/// (never on resume: the checkpoint already holds the initialised state).
/// </summary>
public interface IDataInitialized : ITrainable
{
    /// <summary>Initialises the model's state from <paramref name="data"/>, drawing randomness from <see cref="TrainingContext.Generator"/>.</summary>
    void InitializeFromData(IBatchSource data, TrainingContext context);
}
