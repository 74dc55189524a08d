using System.Runtime.InteropServices;
using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// Kohonen's self-organising map: <c>Rows × Columns</c> prototypes on a rectangular or hexagonal
/// lattice, trained so that units near each other on the lattice hold similar prototypes.
/// <para>
/// <b>Online</b> (Kohonen, 1982), one sample at a time in the trainer's order: the best-matching
/// unit is c = argmin_u ‖x − w_u‖ (similarity −‖x − w‖), then every unit moves
/// w_u ← w_u + η(t)·K(c, u; σ(t))·(x − w_u). <b>Batch</b> (Kohonen, 1993): each epoch, the BMUs of
/// all samples under the current prototypes, then w_u = Σ_n K(c_n, u)·x_n / Σ_n K(c_n, u)
/// (units no sample reaches keep their prototype). η and σ decay from their start to their end
/// values over the run (run fraction t = steps done / <see cref="TrainingContext.TotalSteps"/>,
/// per sample in online mode; epoch / epochs in batch mode, as kohonen does).
/// </para>
/// <para>
/// Figures: <c>quantization_error</c> = mean ‖x − w_BMU(x)‖; <c>topographic_error</c> = fraction of
/// samples whose best and second-best units are not adjacent (8 neighbours on the rectangular
/// lattice, 6 on the hexagonal one; see <see cref="SomGrid"/>). <see cref="Encode"/> gives the
/// BMU's (row, column).
/// </para>
/// </summary>
public sealed partial class SelfOrganizingMap : IDataInitialized, IEncoder, IDrawsPictures
{
    /// <summary>Metric key of the topographic error.</summary>
    public const string TopographicErrorKey = "topographic_error";

    const int PcaSamples = 5000;
    const long KernelChunkElements = 4_000_000;   // per-sample kernels precomputed per chunk of a batch: ≤ 16 MB

    readonly Tensor _prototypes, _kernelDistance, _adjacent;
    readonly Tensor? _numerator, _denominator;
    readonly Dictionary<string, Tensor> _state, _trainingState;
    readonly long _inputSize;

    /// <summary>Builds an untrained map (prototypes zero until <see cref="InitializeFromData"/> or loading).</summary>
    /// <param name="name">Registry name.</param>
    /// <param name="options">Hyper-parameters (validated here).</param>
    /// <param name="inputShape">Shape of one sample; samples are flattened to D elements.</param>
    /// <param name="device">Where the prototypes live.</param>
    /// <param name="memoryLimitBytes">
    /// The most memory the map may need (see <see cref="EstimateMemoryBytes"/>); null: 80% of the
    /// memory available to the process (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).
    /// </param>
    /// <exception cref="InvalidOptionException">The map would not fit: names Rows, with the estimate and the limit.</exception>
    public SelfOrganizingMap(string name, SelfOrganizingMapOptions options, long[] inputShape, Device device, long? memoryLimitBytes = null)
    {
        var checkedShape = ModelArguments.Check(options, inputShape);
        SomMemory.Check(options, checkedShape, memoryLimitBytes);
        if (options.Mode == SomMode.Batch && options.Kernel == SomKernel.MexicanHat)
            throw new InvalidOptionException(nameof(options.Kernel), "mexican-hat", "gaussian, bubble or laplacian in batch mode (negative weights make Σ K·x / Σ K meaningless)");
        Name = name;
        Options = options;
        InputShape = checkedShape;
        Device = device;
        Grid = new SomGrid(options.Rows, options.Columns, options.Topology);
        RadiusStart = options.RadiusStart > 0 ? options.RadiusStart : Grid.DefaultRadius();
        if (options.RadiusEnd > RadiusStart)
            throw new InvalidOptionException(nameof(options.RadiusEnd), options.RadiusEnd, $"<= the start radius ({RadiusStart:0.###}, kohonen's default for this grid)");
        _inputSize = InputShape.Aggregate(1L, (a, b) => a * b);

        _prototypes = zeros(Grid.Units, _inputSize, device: device);
        _kernelDistance = SomKernels.UsesSteps(options.Kernel) ? Grid.StepMatrix(device) : Grid.DistanceMatrix(device);
        _adjacent = Grid.AdjacencyMatrix(device);
        _state = new() { ["prototypes"] = _prototypes };
        _trainingState = new();
        if (options.Mode == SomMode.Batch)
        {
            // Σ K·x and Σ K of the epoch so far: a run stopped mid-epoch resumes exactly.
            _numerator = zeros(Grid.Units, _inputSize, dtype: ScalarType.Float64, device: device);
            _denominator = zeros(Grid.Units, dtype: ScalarType.Float64, device: device);
            _trainingState["batch_numerator"] = _numerator;
            _trainingState["batch_denominator"] = _denominator;
        }
    }

    /// <summary>The memory a map needs at its peak, in bytes (see <see cref="SomMemory.EstimateBytes"/>).</summary>
    public static long EstimateMemoryBytes(SelfOrganizingMapOptions options, long[] inputShape) => SomMemory.EstimateBytes(options, inputShape);

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The validated hyper-parameters.</summary>
    public SelfOrganizingMapOptions Options { get; }

    ModelOptions IModel.Options => Options;

    /// <inheritdoc />
    public long[] InputShape { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>The lattice.</summary>
    public SomGrid Grid { get; }

    /// <summary>The start radius in use (<see cref="SelfOrganizingMapOptions.RadiusStart"/>, or kohonen's default when that is 0).</summary>
    public double RadiusStart { get; }

    /// <summary>The prototypes <c>[Rows·Columns, D]</c>, unit u = row·Columns + column (the live tensor).</summary>
    public Tensor Prototypes => _prototypes;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> TrainingState => _trainingState;

    /// <summary>Codes are the BMU's (row, column).</summary>
    public long CodeSize => 2;

    /// <summary>Learning rate at run fraction <paramref name="fraction"/> ∈ [0, 1].</summary>
    public double LearningRateAt(double fraction) => Schedule(Options.LearningRateStart, Options.LearningRateEnd, fraction);

    /// <summary>Radius at run fraction <paramref name="fraction"/> ∈ [0, 1].</summary>
    public double RadiusAt(double fraction) => Schedule(RadiusStart, Options.RadiusEnd, fraction);

    double Schedule(double start, double end, double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        return Options.Decay == SomDecay.Exponential && start > 0 && end > 0
            ? start * Math.Pow(end / start, fraction)
            : start + (end - start) * fraction;
    }

    /// <inheritdoc />
    public void InitializeFromData(IBatchSource data, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int units = Grid.Units;
        if (Options.Initialization == SomInitialization.Samples)
        {
            var indices = data.Count >= units
                ? randperm(data.Count, generator: context.Generator).narrow(0, 0, units)
                : randint(data.Count, [units], generator: context.Generator, dtype: ScalarType.Int64);
            _prototypes.copy_(Flatten(data.ReadBatch(indices, Device).Features));
            return;
        }
        long m = Math.Min(data.Count, PcaSamples);
        var chosen = randperm(data.Count, generator: context.Generator).narrow(0, 0, m).sort().Values;
        var x = Flatten(data.ReadBatch(chosen, Device).Features).to(ScalarType.Float64);
        var mean = x.mean([0]);
        var (_, s, vh) = linalg.svd(x - mean, fullMatrices: false);
        double scale = 1 / Math.Sqrt(Math.Max(1, m - 1));
        Tensor Axis(int k) => k < vh.shape[0] ? vh[k] * (s[k] * scale) : zeros_like(mean);   // k-th component × its standard deviation
        // The longer side of the map runs along the first principal component.
        var (alongColumns, alongRows) = Options.Columns >= Options.Rows ? (Axis(0), Axis(1)) : (Axis(1), Axis(0));
        var a = Spread(Options.Columns).to(Device);   // [C] in [−1, 1]
        var b = Spread(Options.Rows).to(Device);      // [R]
        var plane = mean + b.view(-1, 1, 1) * alongRows + a.view(1, -1, 1) * alongColumns;   // [R, C, D]
        _prototypes.copy_(plane.reshape(units, _inputSize));
    }

    static Tensor Spread(int n) => n == 1 ? zeros(1, dtype: ScalarType.Float64) : linspace(-1, 1, n, dtype: ScalarType.Float64);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        if (context.TotalSteps <= 0 || context.Epochs <= 0)
            throw new InvalidOperationException($"{Name} decays its schedules over the run and needs TrainingContext.TotalSteps and Epochs (the Trainer sets them).");
        using var noGrad = no_grad();
        var x = Flatten(batch.Features);
        var (nearest, bmu) = Nearest(x);
        double quantization = nearest.sqrt().mean().item<float>();   // before this step's update
        if (Options.Mode == SomMode.Batch) BatchStep(x, bmu, context);
        else OnlineStep(x, context);
        return new Dictionary<string, double> { [MetricKeys.Loss] = quantization, [MetricKeys.QuantizationError] = quantization };
    }

    /// <summary>Kohonen's online rule, sample by sample: BMU under the current prototypes, then every unit pulled towards x.</summary>
    void OnlineStep(Tensor x, TrainingContext context)
    {
        long count = x.shape[0], units = Grid.Units;
        // η(t) and σ(t) for every sample of the batch, t = (step + i / B) / total steps.
        var alphas = new float[count];
        var radii = new float[count];
        for (long i = 0; i < count; i++)
        {
            double fraction = Math.Min(1.0, (context.Step + (double)i / count) / context.TotalSteps);   // steps past the planned end hold the final values
            alphas[i] = (float)LearningRateAt(fraction);
            radii[i] = (float)RadiusAt(fraction);
        }
        if (Device.type == DeviceType.CPU && !ForceTensorPath)
        {
            OnlineStepCpu(x, alphas, radii);
            return;
        }
        using var alpha = tensor(alphas, [count, 1, 1]).to(Device);
        using var radius = tensor(radii, [count, 1, 1]).to(Device);
        using var batchScope = NewDisposeScope();
        var samples = x.unbind(0);                                   // one call for all rows
        var difference = empty_like(_prototypes);                   // w_u − x, reused: no allocation per sample
        long chunk = Math.Clamp(KernelChunkElements / (units * units), 1, count);
        for (long start = 0; start < count; start += chunk)
        {
            long length = Math.Min(chunk, count - start);
            using var chunkScope = NewDisposeScope();
            // η_i·K(u, c; σ_i) for every unit u and possible winner c (K is symmetric): column c of
            // slice i holds sample i's update weights once its winner c is known.
            var weights = (alpha.narrow(0, start, length) * SomKernels.Evaluate(Options.Kernel, _kernelDistance.unsqueeze(0), radius.narrow(0, start, length)))
                .unbind(0);
            for (int i = 0; i < length; i++)
            {
                using var sampleScope = NewDisposeScope();
                difference.copy_(_prototypes).sub_(samples[start + i]);                        // w_u − x
                var winner = linalg.vector_norm(difference, 2, [1]).argmin(0, keepdim: true);  // c = argmin_u ‖x − w_u‖
                var h = weights[i].index_select(1, winner);                                     // η·K(u, c), [U, 1]
                _prototypes.addcmul_(difference, h, -1);                                        // w_u ← w_u + η·K(c, u)·(x − w_u)
            }
        }
    }

    /// <summary>
    /// The most [samples, units] distances computed at once (≤ 64 MB in float32): a large batch or a
    /// whole dataset goes through in chunks, so memory does not grow with the batch. Tests lower it.
    /// </summary>
    internal long DistanceChunkElements { get; set; } = DefaultDistanceChunkElements;

    internal const long DefaultDistanceChunkElements = 16_000_000;

    /// <summary>Consecutive row ranges of <paramref name="count"/> samples whose [rows, U] distances fit in <see cref="DistanceChunkElements"/>.</summary>
    IEnumerable<(long Start, long Length)> DistanceChunks(long count)
    {
        long chunk = Math.Max(1, DistanceChunkElements / Grid.Units);
        for (long start = 0; start < count; start += chunk) yield return (start, Math.Min(chunk, count - start));
    }

    /// <summary>Squared distance to the best-matching unit and that unit, <c>[B]</c> each, computed in chunks.</summary>
    (Tensor Nearest, Tensor Unit) Nearest(Tensor x)
    {
        var parts = DistanceChunks(x.shape[0]).Select(c => SquaredDistances(x.narrow(0, c.Start, c.Length)).min(1)).ToList();
        return parts.Count == 1 ? (parts[0].values, parts[0].indexes) : (cat(parts.Select(p => p.values).ToList(), 0), cat(parts.Select(p => p.indexes).ToList(), 0));
    }

    /// <summary>Tests run the tensor path on the CPU to compare it with <see cref="SomOnlineCpu"/>.</summary>
    internal bool ForceTensorPath { get; set; }

    float[]? _gridDistanceCopy;

    /// <summary>The same rule on the CPU in place on the prototypes' storage, without a tensor call per sample (see <see cref="SomOnlineCpu"/>).</summary>
    void OnlineStepCpu(Tensor x, float[] alphas, float[] radii)
    {
        _gridDistanceCopy ??= _kernelDistance.cpu().data<float>().ToArray();
        // Both tensors are contiguous float32 on the CPU: the loop reads and writes their storage directly.
        using var samples = x.contiguous();
        SomOnlineCpu.Run(MemoryMarshal.Cast<byte, float>(_prototypes.bytes), MemoryMarshal.Cast<byte, float>(samples.bytes),
            (int)_inputSize, _gridDistanceCopy, Options.Kernel, alphas, radii);
    }

    /// <summary>Accumulates Σ K·x and Σ K; at the epoch's last step sets w = Σ K·x / Σ K.</summary>
    void BatchStep(Tensor x, Tensor bmu, TrainingContext context)
    {
        double radius = RadiusAt(Math.Min(1.0, (double)context.Epoch / context.Epochs));   // epochs added on resume hold the final radius
        // Σ_n K(c_n, u)·x_n = Σ_c K(c, u)·S_c with S_c the sum of the samples c wins: one pass over
        // the batch (index_add) and a U×U by U×D product, instead of a B×U by B×D one.
        var sums = zeros_like(_prototypes).index_add_(0, bmu, x, 1);                             // S_c, [U, D]
        var counts = bincount(bmu, minlength: Grid.Units).to(ScalarType.Float64);                // n_c, [U]
        var k = SomKernels.Evaluate(Options.Kernel, _kernelDistance, radius);                    // K(c, u), [U, U]
        _numerator!.add_(k.t().matmul(sums));                                                    // float32 product, float64 running sums
        _denominator!.add_(k.t().to(ScalarType.Float64).matmul(counts));
        // The epoch's last batch completes the batch update (a context made by hand, without the epoch's shape, gives it as steps / epochs).
        bool lastBatch = context.BatchesPerEpoch > 0 ? context.IsLastBatchOfEpoch : (context.Step + 1) % Math.Max(1, context.TotalSteps / context.Epochs) == 0;
        if (!lastBatch) return;
        var reached = (_denominator > 0).unsqueeze(1);
        var updated = _numerator / _denominator.clamp_min(1e-300).unsqueeze(1);
        _prototypes.copy_(where(reached, updated.to(_prototypes.dtype), _prototypes));   // w_u = Σ K·x / Σ K
        _numerator.zero_();
        _denominator.zero_();
    }

    /// <summary>Squared distances ‖x_n − w_u‖² <c>[B, U]</c> for flattened <paramref name="x"/> <c>[B, D]</c>.</summary>
    Tensor SquaredDistances(Tensor x)
    {
        var prototypeNorms = _prototypes.square().sum(1).unsqueeze(0);
        // A norm is a reduction without a [B, D] temporary, which square().sum() would allocate.
        var sampleNorms = linalg.vector_norm(x, 2, [1L], keepdim: true).pow_(2);
        return addmm(prototypeNorms, x, _prototypes.t(), beta: 1, alpha: -2).add_(sampleNorms).clamp_min_(0);
    }

    /// <summary>Best-matching unit of each sample, <c>[B]</c> int64 (u = row·Columns + column).</summary>
    public Tensor BestMatchingUnits(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Nearest(Flatten(input)).Unit.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Codes: the BMU's grid coordinates (row, column) as whole numbers in float32 <c>[B, 2]</c>,
    /// row in [0, Rows), column in [0, Columns). On the hexagonal grid these are the offset
    /// coordinates of <see cref="SomGrid"/> ("odd-r": odd rows sit half a unit to the right), not
    /// plane positions; <see cref="SomGrid.Position"/> turns them into (x, y).
    /// </summary>
    public Tensor Encode(Tensor input)
    {
        using var scope = NewDisposeScope();
        var bmu = BestMatchingUnits(input);
        // u = row·Columns + column. (torch.div with a rounding mode and a scalar divisor returned the
        // true quotient here in TorchSharp 0.107, which gave codes (u / Columns, 0).)
        var columns = bmu.remainder(Options.Columns);
        var rows = (bmu - columns).to(ScalarType.Float32) / Options.Columns;   // an exact multiple: a whole number
        return stack([rows, columns.to(ScalarType.Float32)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>How many samples of <paramref name="input"/> each unit wins, <c>[Rows, Columns]</c> int64.</summary>
    public Tensor HitCounts(Tensor input)
    {
        using var scope = NewDisposeScope();
        return bincount(BestMatchingUnits(input), minlength: Grid.Units).reshape(Options.Rows, Options.Columns).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The U-matrix <c>[Rows, Columns]</c>: each unit's mean Euclidean prototype distance to its
    /// adjacent units (8 on the rectangular lattice, 6 on the hexagonal one; fewer at the edges).
    /// </summary>
    public Tensor UMatrix()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var distances = cdist(_prototypes.unsqueeze(0), _prototypes.unsqueeze(0)).squeeze(0);
        var adjacent = _adjacent.to(distances.dtype);
        var mean = (distances * adjacent).sum(1) / adjacent.sum(1).clamp_min(1);
        return mean.reshape(Options.Rows, Options.Columns).MoveToOuterDisposeScope();
    }

    /// <summary>[B, ...] → [B, D] float32 on the model's device.</summary>
    Tensor Flatten(Tensor input)
    {
        var sample = input.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        if (input.dim() < 2 || sample != _inputSize)
            throw new ArgumentException(ModelArguments.ShapeMismatch(Name, InputShape, input.shape), nameof(input));
        return input.reshape(input.shape[0], _inputSize).to(ScalarType.Float32).to(Device);
    }

    /// <summary>Draws the U-matrix, the hit map of the context's data, the component planes and, for images, the prototypes (<see cref="SomPictures"/>).</summary>
    public IReadOnlyList<RunFile> DrawPictures(PictureContext context) =>
        SomPictures.SaveAll(this, context.Data, context.Directory).Select(path => Path.GetFileName(path) switch
        {
            SomPictures.UMatrixFile => new RunFile(SomPictures.UMatrixFile, "U-matrix: each unit's mean distance to its neighbours (light = cluster boundary)", Name),
            SomPictures.HitMapFile => new RunFile(SomPictures.HitMapFile, $"hit map: samples of {context.Data.Name} won by each unit", Name),
            SomPictures.ComponentPlanesFile => new RunFile(SomPictures.ComponentPlanesFile, "component planes: each input dimension's value over the map", Name),
            var file => new RunFile(file, "prototypes as images at their map positions", Name),
        }).ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        _prototypes.Dispose();
        _kernelDistance.Dispose();
        _adjacent.Dispose();
        _numerator?.Dispose();
        _denominator?.Dispose();
    }
}
