using LatentSharp.Data;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>Runs a configured estimator on a model and records what was computed, how, and on what.</summary>
public static class Evaluator
{
    /// <summary>
    /// Scores <paramref name="model"/> with <paramref name="estimator"/> on <paramref name="data"/>,
    /// giving it a fresh generator seeded with <paramref name="seed"/> (so the figures do not depend on
    /// which estimators ran before), and returns the entry for evaluation.json.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="estimator">The estimator (<see cref="EstimatorCatalog.Create(string)"/>).</param>
    /// <param name="data">The evaluated split.</param>
    /// <param name="split">Its name: <c>test</c> or <c>train</c>.</param>
    /// <param name="train">The run's training split, for estimators that fit on it; may be null.</param>
    /// <param name="seed">Seed of the estimator's random source.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    /// <exception cref="EstimatorException">The model lacks a capability the estimator needs, or the data cannot be used.</exception>
    public static EvaluationEntry Run(IModel model, Estimator estimator, IBatchSource data, string split, IBatchSource? train, long seed, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var generator = new Generator((ulong)seed);
        var values = estimator.Estimate(model, new EstimationContext(data, train, generator, batchSize));
        return new EvaluationEntry
        {
            Spec = estimator.Spec,
            Estimator = estimator.Descriptor.Name,
            Options = estimator.OptionValues,
            Values = values,
            Split = split,
            Data = data.Name,
            Count = data.Count,
            TrainCount = estimator.Descriptor.FitsOnTrainingSplit ? train?.Count : null,
            Seed = seed,
            LibraryVersion = ModelFile.LibraryVersion,
            Timestamp = DateTimeOffset.UtcNow,
        };
    }
}
