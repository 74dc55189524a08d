using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

// The Trainer's path: k-means++ seeding from the data, one Lloyd iteration per epoch (completed in
// EndEpoch) or mini-batch steps, convergence, and the evaluation figures with their kinds.
public sealed partial class KMeans
{
    /// <inheritdoc />
    /// <exception cref="InvalidOptionException">More clusters than samples.</exception>
    public void InitializeFromData(IBatchSource data, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        CheckSampleCount(data.Count);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = data.Count;
        // Lloyd looks at every sample; mini-batch seeds on a random sample of 3 batches (at least 3k), as scikit-learn.
        long sampleSize = Options.Algorithm == KMeansAlgorithm.Lloyd ? n : Math.Min(n, Math.Max(3L * context.BatchSize, 3L * Options.Clusters));
        var indices = sampleSize == n ? arange(n, dtype: ScalarType.Int64) : randperm(n, generator: context.Generator).narrow(0, 0, sampleSize);
        var x = Flatten(data.ReadBatch(indices, Device).Features).contiguous();
        var xSquared = SquaredNorms(x);
        double tolerance = ScaledTolerance(x, xSquared);
        var candidate = empty_like(_centroids);
        double best = double.PositiveInfinity;
        for (int restart = 0; restart < Options.Restarts; restart++)
        {
            candidate.copy_(KMeansPlusPlus.Seed(x, xSquared, Options.Clusters, Options.EffectiveSeedingTrials(), context.Generator));
            if (Options.Restarts == 1)
            {
                _centroids.copy_(candidate);  // Lloyd iterations are the trainer's epochs
                break;
            }
            if (Options.Algorithm == KMeansAlgorithm.Lloyd) RunLloyd(x, xSquared, candidate, tolerance);
            double inertia = SumOfSquaredDistances(x, xSquared, candidate);
            if (inertia < best)
            {
                best = inertia;
                _centroids.copy_(candidate);
            }
        }
        _samples.fill_(n);
        _tolerance.fill_(tolerance);
        _converged.zero_();
        _seen.zero_();
        _pass.Reset();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var noGrad = no_grad();
        var x = Flatten(batch.Features).to(Device);
        if (Options.Algorithm == KMeansAlgorithm.MiniBatch)
            return Loss(MiniBatchStep(x, _centroids, _pass.Counts));
        long samples = _samples.item<long>();
        if (samples == 0) throw new InvalidOperationException($"{Name}: not seeded; the trainer calls InitializeFromData on a fresh run, or call Fit first.");
        if (Converged) return Loss(SumOfSquaredDistances(x, null, _centroids) / x.shape[0]);
        double sum = _pass.Add(x, null, _centroids);
        _seen.add_(x.shape[0]);
        return Loss(sum / x.shape[0]);
    }

    /// <summary>The epoch's batches have all been assigned: one Lloyd iteration is complete, the centroids move.</summary>
    void ITrainable.EndEpoch(TrainingContext context)
    {
        if (Options.Algorithm != KMeansAlgorithm.Lloyd || Converged || _seen.item<long>() == 0) return;
        using var noGrad = no_grad();
        double shift = _pass.Finish(_centroids);
        if (shift <= _tolerance.item<double>()) _converged.fill_(1);
        _pass.Reset();
        _seen.zero_();
    }

    /// <summary>Lloyd's centroids stopped moving (by at most the tolerance): the trainer ends the run.</summary>
    bool ITrainable.HasConverged => Converged;

    /// <summary>Inertia, ARI and NMI are the quantities themselves; <c>loss</c> (inertia per sample) stays a proxy for cluster quality.</summary>
    MetricKind ITrainable.KindOf(string metric) => metric is "inertia" or "ari" or "nmi" ? MetricKind.Exact : MetricKind.Proxy;

    static Dictionary<string, double> Loss(double value) => new() { [MetricKeys.Loss] = value };

    /// <summary>
    /// <c>loss</c>: mean squared distance to the nearest centroid per sample; <c>inertia</c>: its sum
    /// over <paramref name="data"/>; with labels, <c>ari</c> and <c>nmi</c> of the assignments against them.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        using var noGrad = no_grad();
        double inertia = 0;
        var assigned = new List<long>();
        var truth = new List<long>();
        foreach (var (start, length) in BatchRanges.Of(data.Count, context.BatchSize))
        {
            using var scope = NewDisposeScope();
            var batch = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), Device);
            var (distances, labels) = Nearest(Flatten(batch.Features), _centroids);
            inertia += distances.sum(type: ScalarType.Float64).item<double>();
            if (batch.Labels is null) continue;
            assigned.AddRange(labels.cpu().data<long>());
            truth.AddRange(batch.Labels.cpu().data<long>());
        }
        var metrics = new Dictionary<string, double> { [MetricKeys.Loss] = inertia / data.Count, ["inertia"] = inertia };
        if (truth.Count > 0)
        {
            metrics["ari"] = ClusteringScores.AdjustedRandIndex(truth, assigned);
            metrics["nmi"] = ClusteringScores.NormalizedMutualInformation(truth, assigned);
        }
        return metrics;
    }
}
