using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

// The Trainer's path: k-means++ seeding from the data, one Lloyd iteration per epoch (the whole
// training set at once) or mini-batch steps, convergence, and the evaluation figures with their kinds.
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

    /// <summary>Lloyd takes whole epochs (<see cref="TrainEpoch"/>); mini-batch k-means takes batches (<see cref="TrainStep"/>).</summary>
    public bool TrainsWholeEpochs => Options.Algorithm == KMeansAlgorithm.Lloyd;

    /// <summary>One mini-batch update (Sculley); returns the batch's mean squared distance before it as <c>loss</c>.</summary>
    /// <exception cref="InvalidOperationException">The Lloyd algorithm, which trains whole epochs.</exception>
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Options.Algorithm != KMeansAlgorithm.MiniBatch)
            throw new InvalidOperationException($"{Name}: Lloyd iterations take the whole training set; call TrainEpoch (the Trainer does) or Fit.");
        using var noGrad = no_grad();
        return Loss(MiniBatchStep(Flatten(batch.Features).to(Device), _centroids, _pass.Counts));
    }

    /// <summary>
    /// One Lloyd iteration over <paramref name="train"/>: the same step as <see cref="Fit(Tensor, long)"/>'s,
    /// with Hamerly's bounds when <see cref="KMeansOptions.Bounds"/> is on. The bounds and assignments
    /// live for the run (this process) only: after a resume they are rebuilt from exact distances,
    /// which gives the same assignments, and the fixed-point sums make the centroids the same bits.
    /// Returns <c>loss</c>, the mean squared distance of the samples to their centroid before the move.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not seeded (neither <see cref="InitializeFromData"/> nor Fit ran).</exception>
    public IReadOnlyDictionary<string, double> TrainEpoch(IBatchSource train, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        if (Options.Algorithm != KMeansAlgorithm.Lloyd)
            throw new InvalidOperationException($"{Name}: mini-batch k-means trains batch by batch (TrainStep).");
        if (_samples.item<long>() == 0) throw new InvalidOperationException($"{Name}: not seeded; the trainer calls InitializeFromData on a fresh run, or call Fit first.");
        using var noGrad = no_grad();
        var (x, xSquared, iterations) = EpochData(train);
        if (Converged) return Loss(SumOfSquaredDistances(x, xSquared, _centroids) / x.shape[0]);
        var (shift, inertia) = iterations.Step(_centroids);
        _epochCentroids!.copy_(_centroids);
        if (shift <= _tolerance.item<double>()) _converged.fill_(1);
        return Loss(inertia / x.shape[0]);
    }

    // Per-run state of the epochs: the training samples as one [N, D] tensor and the iterations'
    // bounds; built at the first epoch of this process (fresh or resumed), never checkpointed. The
    // bounds hold for the centroids the last step left: if anything else moved them since (Fit, a
    // checkpoint loaded into this model), the state is rebuilt.
    IBatchSource? _epochSource;
    Tensor? _epochX, _epochXSquared, _epochCentroids;
    LloydIterations? _epochIterations;

    (Tensor X, Tensor XSquared, LloydIterations Iterations) EpochData(IBatchSource train)
    {
        if (!ReferenceEquals(train, _epochSource) || _epochIterations is null || !Same(_epochCentroids!, _centroids))
        {
            ForgetEpochData();
            using var scope = NewDisposeScope();
            // An in-memory dataset is used where it lies (a view, no copy); another source is read once.
            var all = train is Dataset dataset ? dataset.Features : train.ReadBatch(arange(train.Count, dtype: ScalarType.Int64), Device).Features;
            _epochX = Flatten(all).to(Device).contiguous().DetachFromDisposeScope();
            _epochXSquared = SquaredNorms(_epochX).DetachFromDisposeScope();
            _epochIterations = new LloydIterations(_epochX, _epochXSquared, Options.Clusters, Options.ChunkSize, Options.Bounds);
            _epochCentroids = _centroids.clone().DetachFromDisposeScope();
            _epochSource = train;
        }
        return (_epochX!, _epochXSquared!, _epochIterations);
    }

    static bool Same(Tensor a, Tensor b)
    {
        using var equal = a.eq(b).all();
        return equal.item<bool>();
    }

    void ForgetEpochData()
    {
        _epochIterations?.Dispose();
        _epochX?.Dispose();
        _epochXSquared?.Dispose();
        _epochCentroids?.Dispose();
        (_epochIterations, _epochX, _epochXSquared, _epochCentroids, _epochSource) = (null, null, null, null, null);
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
