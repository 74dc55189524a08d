using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// k-means clustering on tensors: greedy k-means++ seeding, exact Lloyd iterations or mini-batch
/// updates (Sculley 2010), restarts keeping the lowest inertia. Distances are
/// ‖x‖² − 2x·c + ‖c‖², one matmul per block of <see cref="KMeansOptions.ChunkSize"/> samples.
/// <para>
/// Two ways to train, sharing one inner step: <see cref="Fit(Tensor, long)"/> on an in-memory
/// tensor (runs to convergence), or the <see cref="Trainer"/>: <see cref="InitializeFromData"/>
/// seeds (and, with several restarts, runs each to convergence and keeps the best), then each epoch
/// is one Lloyd iteration (<see cref="TrainEpoch"/>, the same step as Fit's, distance bounds included)
/// or one pass of mini-batch updates, checkpointed and resumable exactly.
/// </para>
/// <para>As an <see cref="IEncoder"/>, a sample's code is its squared distance to each centroid, <c>[B, k]</c>.</para>
/// </summary>
public sealed partial class KMeans : IDataInitialized, IEpochTrainable, IEncoder, IDrawsPictures
{
    readonly Tensor _centroids, _seen, _samples, _tolerance, _converged;
    readonly LloydPass _pass;

    /// <summary>Creates an unfitted model (centroids at zero until seeded).</summary>
    /// <param name="name">Registry name.</param>
    /// <param name="options">Validated hyper-parameters.</param>
    /// <param name="inputShape">Shape of one sample, e.g. <c>[1, 28, 28]</c>; flattened to D features.</param>
    /// <param name="device">Where the centroids live and the distances are computed.</param>
    public KMeans(string name, KMeansOptions options, long[] inputShape, Device device)
    {
        var checkedShape = ModelArguments.Check(options, inputShape);
        Name = name;
        Options = options;
        InputShape = checkedShape;
        Device = device;
        Features = InputShape.Aggregate(1L, (a, b) => a * b);
        _centroids = zeros(options.Clusters, Features, dtype: ScalarType.Float32, device: device);
        _pass = new LloydPass(options.Clusters, Features, options.ChunkSize, device);
        _seen = zeros(1, dtype: ScalarType.Int64, device: device);
        _samples = zeros(1, dtype: ScalarType.Int64, device: device);
        _tolerance = zeros(1, dtype: ScalarType.Float64, device: device);
        _converged = zeros(1, dtype: ScalarType.Float64, device: device);
        State = new Dictionary<string, Tensor> { ["centroids"] = _centroids };
        TrainingState = new Dictionary<string, Tensor>
        {
            ["sums"] = _pass.Sums, ["counts"] = _pass.Counts, ["far_distances"] = _pass.FarDistances,
            ["far_samples"] = _pass.FarSamples, ["far_owners"] = _pass.FarOwners,
            ["seen"] = _seen, ["samples"] = _samples, ["tolerance"] = _tolerance, ["converged"] = _converged,
        };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The validated hyper-parameters.</summary>
    public KMeansOptions Options { get; }

    ModelOptions IModel.Options => Options;

    /// <inheritdoc />
    public long[] InputShape { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>Features per sample, D.</summary>
    public long Features { get; }

    /// <summary>The centroids, <c>[k, D]</c> float32 (live tensor).</summary>
    public Tensor Centroids => _centroids;

    /// <summary>Number of clusters, k.</summary>
    public long CodeSize => Options.Clusters;

    /// <summary>Whether a Lloyd run under the trainer has met the tolerance (later epochs leave the centroids alone).</summary>
    public bool Converged => _converged.item<double>() > 0;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State { get; }

    /// <summary>
    /// The training set size, the scaled tolerance and the converged flag; mini-batch: <c>counts</c>,
    /// the per-centroid totals behind the learning rates. (Lloyd's iterations are whole epochs, so
    /// nothing of an iteration is in progress at a checkpoint: <c>sums</c>, the farthest samples and
    /// <c>seen</c> stay at rest, kept so that older run folders still resume.)
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> TrainingState { get; }

    /// <summary>Fits on <paramref name="data"/> <c>[N, ...]</c> with randomness from <paramref name="seed"/>; see <see cref="Fit(Tensor, Generator, int)"/>.</summary>
    public KMeansFitResult Fit(Tensor data, long seed)
    {
        using var generator = new Generator((ulong)seed);
        return Fit(data, generator);
    }

    /// <summary>
    /// Fits on an in-memory tensor: for each restart, k-means++ seeding then Lloyd iterations until
    /// the tolerance or <see cref="KMeansOptions.MaxIterations"/> (mini-batch: epochs of shuffled
    /// batches of <paramref name="batchSize"/>); keeps the restart with the lowest inertia.
    /// </summary>
    /// <param name="data">Samples <c>[N, ...input shape]</c>, float32, N ≥ k.</param>
    /// <param name="generator">The only random source.</param>
    /// <param name="batchSize">Mini-batch size (mini-batch algorithm only).</param>
    /// <exception cref="InvalidOptionException">More clusters than samples.</exception>
    public KMeansFitResult Fit(Tensor data, Generator generator, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Flatten(data).to(Device).contiguous();
        CheckSampleCount(x.shape[0]);
        var xSquared = SquaredNorms(x);
        double tolerance = ScaledTolerance(x, xSquared);
        var best = (Inertia: double.PositiveInfinity, Iterations: 0, Converged: false);
        var inertias = new List<double>();
        var centroids = empty_like(_centroids);
        for (int restart = 0; restart < Options.Restarts; restart++)
        {
            centroids.copy_(KMeansPlusPlus.Seed(x, xSquared, Options.Clusters, Options.EffectiveSeedingTrials(), generator));
            var (iterations, converged) = Options.Algorithm == KMeansAlgorithm.Lloyd
                ? RunLloyd(x, xSquared, centroids, tolerance)
                : RunMiniBatch(x, centroids, tolerance, batchSize, generator);
            double inertia = SumOfSquaredDistances(x, xSquared, centroids);
            inertias.Add(inertia);
            if (inertia < best.Inertia)
            {
                best = (inertia, iterations, converged);
                _centroids.copy_(centroids);
            }
        }
        _samples.fill_(x.shape[0]);
        _tolerance.fill_(tolerance);
        _converged.fill_(best.Converged ? 1 : 0);
        _seen.zero_();
        _pass.Reset();
        return new KMeansFitResult(best.Inertia, best.Inertia / x.shape[0], best.Iterations, best.Converged, inertias);
    }

    /// <summary>
    /// Lloyd iterations on <paramref name="centroids"/> in place until the shift is within
    /// tolerance: with Hamerly's bounds when <see cref="KMeansOptions.Bounds"/> is on (same
    /// assignments, far fewer distances), otherwise every sample every iteration. The trainer's
    /// epochs take the same steps, one per epoch (<see cref="TrainEpoch"/>).
    /// </summary>
    (int Iterations, bool Converged) RunLloyd(Tensor x, Tensor xSquared, Tensor centroids, double tolerance)
    {
        using var iterations = new LloydIterations(x, xSquared, Options.Clusters, Options.ChunkSize, Options.Bounds);
        for (int iteration = 1; iteration <= Options.MaxIterations; iteration++)
            if (iterations.Step(centroids).Shift <= tolerance) return (iteration, true);
        return (Options.MaxIterations, false);
    }

    (int Iterations, bool Converged) RunMiniBatch(Tensor x, Tensor centroids, double tolerance, int batchSize, Generator generator)
    {
        using var counts = zeros(Options.Clusters, dtype: ScalarType.Float64, device: Device);
        for (int epoch = 1; epoch <= Options.MaxIterations; epoch++)
        {
            using var scope = NewDisposeScope();
            var before = centroids.clone();
            var order = randperm(x.shape[0], generator: generator).to(Device);
            foreach (var (start, length) in BatchRanges.Of(x.shape[0], batchSize))
            {
                using var batchScope = NewDisposeScope();
                MiniBatchStep(x.index_select(0, order.narrow(0, start, length)), centroids, counts);
            }
            if ((centroids - before).square().sum(type: ScalarType.Float64).item<double>() <= tolerance) return (epoch, true);
        }
        return (Options.MaxIterations, false);
    }

    /// <summary>
    /// Sculley's update for one batch: with v_c the samples ever assigned to centroid c,
    /// c ← c + (Σ_{x→c} x − n_c·c) / (v_c + n_c), i.e. per-sample learning rate 1/v_c. Returns the
    /// batch's mean squared distance before the update.
    /// </summary>
    double MiniBatchStep(Tensor x, Tensor centroids, Tensor counts)
    {
        using var scope = NewDisposeScope();
        var (distances, labels) = Nearest(x, centroids);
        var batchSums = zeros(Options.Clusters, Features, dtype: ScalarType.Float64, device: Device).index_add_(0, labels, x.to(ScalarType.Float64), 1);
        var batchCounts = bincount(labels, minlength: Options.Clusters).to(ScalarType.Float64);
        var total = counts + batchCounts;
        var old = centroids.to(ScalarType.Float64);
        var moved = (old * counts.unsqueeze(1) + batchSums) / total.clamp_min(1).unsqueeze(1);
        centroids.copy_(where(batchCounts.gt(0).unsqueeze(1), moved, old));
        counts.copy_(total);
        return distances.to(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>Index of the nearest centroid for each sample of <c>[B, ...input shape]</c>: int64 <c>[B]</c>.</summary>
    public Tensor Predict(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Nearest(Flatten(input).to(Device), _centroids).Labels.MoveToOuterDisposeScope();
    }

    /// <summary>Squared Euclidean distances from each sample to each centroid: <c>[B, k]</c> float32.</summary>
    public Tensor Encode(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Flatten(input).to(Device);
        var parts = new List<Tensor>();
        for (long start = 0; start < x.shape[0]; start += Options.ChunkSize)
        {
            var xc = x.narrow(0, start, Math.Min(Options.ChunkSize, x.shape[0] - start));
            parts.Add(Distances(xc, _centroids));
        }
        return (parts.Count == 1 ? parts[0] : cat(parts, 0)).MoveToOuterDisposeScope();
    }

    static Tensor Distances(Tensor x, Tensor centroids) =>
        addmm(centroids.square().sum(1).unsqueeze(0), x, centroids.t(), beta: 1, alpha: -2).add_(x.square().sum(1, keepdim: true)).clamp_min_(0);

    /// <summary>Squared distance to, and index of, the nearest centroid; chunked over samples.</summary>
    (Tensor Distances, Tensor Labels) Nearest(Tensor x, Tensor centroids)
    {
        using var scope = NewDisposeScope();
        var distances = new List<Tensor>();
        var labels = new List<Tensor>();
        for (long start = 0; start < x.shape[0]; start += Options.ChunkSize)
        {
            var xc = x.narrow(0, start, Math.Min(Options.ChunkSize, x.shape[0] - start));
            var (d, l) = Distances(xc, centroids).min(1);
            distances.Add(d);
            labels.Add(l);
        }
        var allDistances = distances.Count == 1 ? distances[0] : cat(distances, 0);
        var allLabels = labels.Count == 1 ? labels[0] : cat(labels, 0);
        return (allDistances.MoveToOuterDisposeScope(), allLabels.MoveToOuterDisposeScope());
    }

    /// <summary>Σ min_c ‖x − c‖² over the samples.</summary>
    double SumOfSquaredDistances(Tensor x, Tensor? xSquared, Tensor centroids)
    {
        using var scope = NewDisposeScope();
        var cSquared = centroids.square().sum(1).unsqueeze(0);
        var centroidsT = centroids.t();
        var total = zeros(1, dtype: ScalarType.Float64, device: x.device);
        for (long start = 0; start < x.shape[0]; start += Options.ChunkSize)
        {
            using var chunkScope = NewDisposeScope();
            long n = Math.Min(Options.ChunkSize, x.shape[0] - start);
            var xc = x.narrow(0, start, n);
            var xSq = xSquared?.narrow(0, start, n) ?? xc.square().sum(1);
            var (nearest, _) = addmm(cSquared, xc, centroidsT, beta: 1, alpha: -2).min(1);
            total.add_(nearest.add_(xSq).clamp_min_(0).sum(type: ScalarType.Float64));
        }
        return total.item<double>();
    }

    /// <summary>
    /// scikit-learn's rule: tolerance × mean over features of the (population) variance, from
    /// Σ‖x‖² and the mean vector (no [N, D] temporary).
    /// </summary>
    double ScaledTolerance(Tensor x, Tensor xSquared)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        double meanSquaredNorm = xSquared.sum(type: ScalarType.Float64).item<double>() / n;
        double squaredNormOfMean = (x.sum(0L).to(ScalarType.Float64) / n).square().sum().item<double>();
        return Options.Tolerance * Math.Max(0, meanSquaredNorm - squaredNormOfMean) / Features;
    }

    /// <summary>‖x‖² per sample <c>[N]</c>, block by block (no [N, D] temporary).</summary>
    Tensor SquaredNorms(Tensor x)
    {
        // A norm is a reduction without an [N, D] temporary (square().sum() would page in one).
        using var norms = linalg.vector_norm(x, 2, [1L]);
        return norms.square();
    }

    Tensor Flatten(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 1 || input.numel() % Features != 0 || input.shape.Skip(1).Aggregate(1L, (a, b) => a * b) != Features)
            throw new ArgumentException(ModelArguments.ShapeMismatch(Name, InputShape, input.shape), nameof(input));
        var flat = input.reshape(input.shape[0], Features);
        return flat.dtype == ScalarType.Float32 ? flat : flat.to(ScalarType.Float32);
    }

    void CheckSampleCount(long samples)
    {
        if (Options.Clusters > samples)
            throw new InvalidOptionException(nameof(KMeansOptions.Clusters), Options.Clusters, $"at most the number of samples ({samples})");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _centroids.Dispose();
        _pass.Dispose();
        _seen.Dispose();
        _samples.Dispose();
        _tolerance.Dispose();
        _converged.Dispose();
        ForgetEpochData();
    }
}
