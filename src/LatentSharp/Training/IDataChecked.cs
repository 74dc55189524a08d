using LatentSharp.Data;
using LatentSharp.Models;

namespace LatentSharp.Training;

/// <summary>
/// A model that can tell, before any work, whether data suits it beyond its shape: a BCE loss needs
/// values in [0, 1], a map must fit in memory for this many samples. The <see cref="Trainer"/> calls
/// <see cref="CheckData"/> on the training and validation data of every run (fresh or resumed), and
/// commands that apply a trained model call it on the data they load.
/// </summary>
public interface IDataChecked : IModel
{
    /// <summary>Throws <see cref="ArgumentException"/> (or a data exception) with one clear message naming the problem and what to change.</summary>
    void CheckData(IBatchSource data);
}
