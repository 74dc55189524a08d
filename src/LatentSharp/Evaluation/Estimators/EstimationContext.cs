using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>What an estimator is given besides the model: the data it scores, the training split when it fits something (a probe), its random source and a batch size.</summary>
/// <param name="Data">The split being evaluated.</param>
/// <param name="Train">The run's training split, for estimators that fit on codes (probe, k-NN); null when there is none.</param>
/// <param name="Generator">
/// The only random source an estimator may use (noise, sampling, minibatch order). The evaluator gives
/// each estimator a fresh generator seeded with the evaluation's seed, so an estimator's figures do not
/// depend on which others ran before it.
/// </param>
/// <param name="BatchSize">Samples per forward pass (a memory bound; figures do not depend on it unless an estimator says so).</param>
public sealed record EstimationContext(IBatchSource Data, IBatchSource? Train, Generator Generator, int BatchSize = 512)
{
    /// <summary>The training split, or a refusal naming <paramref name="estimator"/>.</summary>
    public IBatchSource RequireTrain(string estimator) =>
        Train ?? throw new EstimatorException($"'{estimator}' fits on the training split, and none was given.");
}
