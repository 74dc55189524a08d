using TorchSharp;
using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Sparse coding with a learned dictionary (Olshausen and Field, 1996), trained by alternating
/// optimisation as in online dictionary learning (Mairal, Bach, Ponce, Sapiro 2009,
/// https://arxiv.org/abs/0908.0050): each step sparse-codes the minibatch with the dictionary fixed
/// (<see cref="SparseCodingAlgorithm"/>), folds the codes into the sufficient statistics
/// <c>A = Σ αᵀα</c>, <c>B = Σ αᵀx</c> with a forgetting factor, and updates the atoms by block
/// coordinate descent on A and B. With a batch size of at least the data size each step is one
/// full-batch iteration (statistics of the whole data, no forgetting). Atoms start as random
/// training samples (<see cref="IDataInitialized"/>).
/// </summary>
public sealed class DictionaryLearning : IDataInitialized, ISparseCoding, IReconstructor, IDrawsPictures
{
    readonly Tensor _dictionary, _a, _b, _samples, _steps;
    readonly Dictionary<string, Tensor> _state, _trainingState;

    /// <summary>Builds an untrained model for samples of <paramref name="inputShape"/> (flattened to d features).</summary>
    public DictionaryLearning(string name, DictionaryLearningOptions options, long[] inputShape, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        options.Validate();
        if (inputShape.Length == 0 || inputShape.Any(d => d < 1))
            throw new ArgumentException($"Input shape must be non-empty with positive sizes; got [{string.Join(", ", inputShape)}].", nameof(inputShape));
        Name = name;
        Options = options;
        InputShape = inputShape.ToArray();
        Device = device;
        long features = InputShape.Aggregate(1L, (x, y) => x * y);
        // Until InitializeFromData: random unit atoms from the global generator that ModelCatalog.Create seeds.
        var initial = randn(options.Atoms, features);
        _dictionary = initial.div(initial.norm(1, keepdim: true)).to(device).DetachFromDisposeScope();
        initial.Dispose();
        _a = zeros(options.Atoms, options.Atoms, device: device).DetachFromDisposeScope();
        _b = zeros(options.Atoms, features, device: device).DetachFromDisposeScope();
        _samples = zeros(1, dtype: ScalarType.Int64).DetachFromDisposeScope();
        _steps = zeros(1, dtype: ScalarType.Int64).DetachFromDisposeScope();
        _state = new() { ["dictionary"] = _dictionary };
        _trainingState = new() { ["a"] = _a, ["b"] = _b, ["samples"] = _samples, ["steps"] = _steps };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The validated hyper-parameters.</summary>
    public DictionaryLearningOptions Options { get; }

    ModelOptions IModel.Options => Options;

    /// <inheritdoc />
    public long[] InputShape { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>The atoms, <c>[K, d]</c>, one per row, each of norm at most 1 (live tensor).</summary>
    public Tensor Dictionary => _dictionary;

    /// <inheritdoc />
    public long CodeSize => Options.Atoms;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> TrainingState => _trainingState;

    /// <summary>A coder for the current dictionary with this model's code-step settings (or <paramref name="options"/>).</summary>
    public SparseCoder CreateCoder(SparseCoderOptions? options = null) => new(_dictionary, options ?? Options.CoderOptions());

    /// <inheritdoc />
    public void InitializeFromData(IBatchSource data, TrainingContext context)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // K distinct random samples when there are enough, otherwise with repetition.
        var picks = data.Count >= Options.Atoms
            ? randperm(data.Count, generator: context.Generator).narrow(0, 0, Options.Atoms)
            : randint(data.Count, [Options.Atoms], generator: context.Generator);
        var atoms = data.ReadBatch(picks, Device).Features.reshape(Options.Atoms, -1).to(_dictionary.dtype);
        // A constant (e.g. all-zero) sample gives no direction: keep the random atom there.
        var norms = atoms.norm(1, keepdim: true);
        _dictionary.copy_(where(norms > 1e-8, atoms / norms.clamp_min(1e-8), _dictionary));
        _a.zero_();
        _b.zero_();
        _samples.fill_(data.Count);
        _steps.zero_();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        using var noGrad = no_grad();
        var x = Flatten(batch.Features);
        using var coder = CreateCoder();
        var codes = coder.Encode(x);
        var metrics = Figures(x, codes);
        bool fullBatch = _samples.item<long>() > 0 && context.BatchSize >= _samples.item<long>();
        // The model counts its own steps (the forgetting schedule depends on them), so a resumed run continues the schedule exactly.
        long step = _steps.item<long>();
        DictionaryUpdate.Accumulate(_a, _b, codes, x, step, context.BatchSize, fullBatch);
        _steps.add_(1);
        int replaced = DictionaryUpdate.Run(_dictionary, _a, _b, x, Options.DictionaryPasses, context.Generator);
        metrics["replaced_atoms"] = replaced;
        return metrics;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        using var noGrad = no_grad();
        using var coder = CreateCoder();
        var accumulator = new MetricAccumulator();
        foreach (var (start, length) in BatchRanges.Of(data.Count, context.BatchSize))
        {
            using var scope = NewDisposeScope();
            var x = Flatten(data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), Device).Features);
            accumulator.Add(Figures(x, coder.Encode(x)), length);
        }
        return accumulator.Means();
    }

    /// <inheritdoc />
    public Tensor Encode(Tensor input)
    {
        using var coder = CreateCoder();
        return coder.Encode(Flatten(input));
    }

    /// <inheritdoc />
    public Tensor Reconstruct(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var coder = CreateCoder();
        var x = Flatten(input);
        return coder.Reconstruct(coder.Encode(x)).reshape(input.shape).MoveToOuterDisposeScope();
    }

    /// <summary>Mean figures of a batch: <c>loss</c> = ½‖x − αD‖² + λ‖α‖₁, <c>recon</c>, <c>l1</c>, <c>nonzeros</c> per code.</summary>
    Dictionary<string, double> Figures(Tensor x, Tensor codes)
    {
        using var scope = NewDisposeScope();
        var recon = (x - codes.mm(_dictionary)).square().sum(1).mul_(0.5).mean().ToDouble();
        var l1 = codes.abs().sum(1).mean().ToDouble();
        var nonZeros = codes.ne(0).sum(1).to(ScalarType.Float64).mean().ToDouble();
        return new()
        {
            [MetricKeys.Loss] = recon + Options.Lambda * l1,
            [MetricKeys.Reconstruction] = recon,
            ["l1"] = l1,
            ["nonzeros"] = nonZeros,
        };
    }

    Tensor Flatten(Tensor input) => ModelArguments.FlattenSamples(input, Name, InputShape, _dictionary.dtype, Device);

    /// <inheritdoc />
    public Tensor SparseCode(Tensor input) => Encode(input);

    /// <inheritdoc />
    public string SparseCodeMethod => "the run's lasso codes";

    /// <summary>Draws the atoms as images (<c>atoms.png</c>) when samples are images.</summary>
    public IReadOnlyList<RunFile> DrawPictures(PictureContext context)
    {
        if (ImageShapes.Of(InputShape) is not { } shape) return [];
        RunPictures.DrawAtoms(_dictionary, shape, context.PathOf("atoms.png"), $"{Name}: {Options.Atoms} atoms");
        return [new("atoms.png", $"the {Options.Atoms} dictionary atoms as images", Name)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dictionary.Dispose();
        _a.Dispose();
        _b.Dispose();
        _samples.Dispose();
        _steps.Dispose();
    }
}
