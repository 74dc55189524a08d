using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// Predictive Sparse Decomposition (Kavukcuoglu, Ranzato, Fergus, LeCun 2009, "Fast inference in
/// sparse coding algorithms with applications to object recognition", https://arxiv.org/abs/1010.3467):
/// sparse coding with a dictionary D <c>[K, d]</c> (unit-norm atoms, one per row) plus a feed-forward
/// encoder <c>F(x) = σ(Wx + b)</c> trained to predict the sparse codes, by minimising
/// <c>E = ½‖x − zD‖² + λ‖z‖₁ + (α/2)‖z − F(x)‖²</c>. Each training step infers z by FISTA on E starting
/// from F(x), then takes one Adam step on the encoder towards z and one projected gradient step on D
/// (atoms renormalised). After training, <see cref="Encode"/> gives approximate sparse codes in one
/// matrix product; <see cref="Infer"/> and <see cref="CreateCoder"/> give iterative ones.
/// </summary>
public sealed class PredictiveSparseDecomposition : IDataInitialized, IAmortizedSparseCoding, IReconstructor, IDrawsPictures
{
    /// <summary>Most samples used to calibrate the encoder in <see cref="InitializeFromData"/>.</summary>
    const int CalibrationSamples = 1024;

    readonly Tensor _dictionary, _steps;
    readonly Parameter _weight, _bias;
    readonly Parameter? _scale; // gain (tanh) or threshold (shrink)
    readonly Adam _adam;
    readonly Dictionary<string, Tensor> _state, _trainingState;

    /// <summary>Builds an untrained model for samples of <paramref name="inputShape"/> (flattened to d features).</summary>
    public PredictiveSparseDecomposition(string name, PredictiveSparseDecompositionOptions options, long[] inputShape, Device device)
    {
        InputShape = ModelArguments.Check(options, inputShape);
        Name = name;
        Options = options;
        Device = device;
        long features = InputShape.Aggregate(1L, (x, y) => x * y);
        using (no_grad())
        {
            // Until InitializeFromData: random unit atoms and a small random encoder from the global generator ModelCatalog.Create seeds.
            var initial = randn(options.Atoms, features);
            _dictionary = initial.div(initial.norm(1, keepdim: true)).to(device).DetachFromDisposeScope();
            initial.Dispose();
            using var weight = randn(options.Atoms, features).div_(Math.Sqrt(features));
            _weight = (Parameter)new Parameter(weight.to(device)).DetachFromDisposeScope();
            _bias = (Parameter)new Parameter(zeros(options.Atoms, device: device)).DetachFromDisposeScope();
            _scale = options.Squashing switch
            {
                PsdSquashing.Tanh => (Parameter)new Parameter(ones(options.Atoms, device: device)).DetachFromDisposeScope(),
                PsdSquashing.Shrink => (Parameter)new Parameter(full(options.Atoms, options.Lambda, device: device)).DetachFromDisposeScope(),
                _ => null,
            };
        }
        _steps = zeros(1, dtype: ScalarType.Int64).DetachFromDisposeScope();
        _state = new() { ["dictionary"] = _dictionary, ["encoder.weight"] = _weight, ["encoder.bias"] = _bias };
        if (_scale is not null) _state[ScaleName] = _scale;
        _adam = new Adam(EncoderParameters(), options.EncoderLearningRate);
        _trainingState = new() { ["steps"] = _steps };
        foreach (var (key, value) in _adam.State) _trainingState["adam." + key] = value;
    }

    string ScaleName => Options.Squashing == PsdSquashing.Tanh ? "encoder.gain" : "encoder.threshold";

    IEnumerable<(string Name, Parameter Parameter)> EncoderParameters()
    {
        yield return ("encoder.weight", _weight);
        yield return ("encoder.bias", _bias);
        if (_scale is not null) yield return (ScaleName, _scale);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The validated hyper-parameters.</summary>
    public PredictiveSparseDecompositionOptions Options { get; }

    ModelOptions IModel.Options => Options;

    /// <inheritdoc />
    public long[] InputShape { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>The atoms, <c>[K, d]</c>, one per row, each of unit norm (live tensor).</summary>
    public Tensor Dictionary => _dictionary;

    /// <summary>The encoder's weights W, <c>[K, d]</c> (live tensor).</summary>
    public Tensor EncoderWeight => _weight;

    /// <inheritdoc />
    public long CodeSize => Options.Atoms;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> TrainingState => _trainingState;

    /// <summary>
    /// Atoms from random training samples (as dictionary learning starts), and an encoder that starts
    /// as one ISTA step from zero codes: <c>W = D/L</c>, L the largest eigenvalue of <c>DDᵀ</c> (shrink:
    /// threshold λ/L, so F(x) is exactly that step's codes; linear: no threshold). Tanh: <c>W = D/g</c>
    /// with the gain g the largest correlation of each atom over up to 1,024 samples.
    /// </summary>
    public void InitializeFromData(IBatchSource data, TrainingContext context)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long k = Options.Atoms;
        var picks = data.Count >= k
            ? randperm(data.Count, generator: context.Generator).narrow(0, 0, k)
            : randint(data.Count, [k], generator: context.Generator);
        var atoms = Flatten(data.ReadBatch(picks, Device).Features);
        var norms = atoms.norm(1, keepdim: true);
        _dictionary.copy_(where(norms > 1e-8, atoms / norms.clamp_min(1e-8), _dictionary));
        var calibration = randperm(data.Count, generator: context.Generator).narrow(0, 0, Math.Min(data.Count, CalibrationSamples));
        var correlations = Flatten(data.ReadBatch(calibration, Device).Features).mm(_dictionary.t());
        _bias.zero_();
        switch (Options.Squashing)
        {
            case PsdSquashing.Tanh:
                var gain = correlations.abs().amax(0).clamp_min(1e-3);
                _scale!.copy_(gain);
                _weight.copy_(_dictionary / gain.unsqueeze(1));
                break;
            case PsdSquashing.Shrink:
                // With coherent atoms (all-positive images) W = D would sum many large correlations;
                // the 1/L step is what ISTA takes, and equals W = D for an orthogonal dictionary.
                double lipschitz = OneStepLipschitz();
                _scale!.fill_(Options.Lambda / lipschitz);
                _weight.copy_(_dictionary / lipschitz);
                break;
            default:
                _weight.copy_(_dictionary / OneStepLipschitz());
                break;
        }
        foreach (var t in _adam.State.Values) t.zero_();
        _steps.zero_();
    }

    double OneStepLipschitz() => Math.Max(1e-12, LassoSolvers.Lipschitz(_dictionary.mm(_dictionary.t())));

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context)
    {
        using var scope = NewDisposeScope();
        var x = Flatten(batch.Features);
        Tensor prediction, codes;
        using (no_grad())
        {
            prediction = Predict(x);
            codes = InferFrom(x, prediction, Options.InferenceIterations);
        }
        var metrics = Figures(x, codes, prediction);

        // Encoder: one Adam step on ½‖z − F(x)‖² (the energy's prediction term up to the factor α, which Adam's scale invariance ignores, so α = 0 still trains F).
        _adam.ZeroGrad();
        using (enable_grad())
        {
            var loss = (Predict(x) - codes).square().sum(1).mean().mul(0.5);
            loss.backward();
        }
        _adam.Step();
        _adam.ZeroGrad();

        using (no_grad())
        {
            // Dictionary: D ← D + (η/L)·zᵀ(x − zD)/B, L = λ_max(zᵀz/B); then every atom back to unit norm.
            long b = x.shape[0];
            var codeGram = codes.t().mm(codes).div_(b);
            double lipschitz = LassoSolvers.Lipschitz(codeGram);
            if (lipschitz > 1e-12)
            {
                var residual = x - codes.mm(_dictionary);
                _dictionary.add_(codes.t().mm(residual), alpha: Options.DictionaryStep / (lipschitz * b));
                _dictionary.div_(_dictionary.norm(1, keepdim: true).clamp_min(1e-12));
            }
            _steps.add_(1);
        }
        return metrics;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        using var noGrad = no_grad();
        var accumulator = new MetricAccumulator();
        foreach (var (start, length) in BatchRanges.Of(data.Count, context.BatchSize))
        {
            using var scope = NewDisposeScope();
            var x = Flatten(data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), Device).Features);
            var prediction = Predict(x);
            accumulator.Add(Figures(x, InferFrom(x, prediction, Options.InferenceIterations), prediction), length);
        }
        return accumulator.Means();
    }

    /// <summary>The fast encoder: codes <c>F(x) = σ(Wx + b)</c>, <c>[B, K]</c>, in one pass (no gradient).</summary>
    public Tensor Encode(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Predict(Flatten(input)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Iterative inference: codes <c>[B, K]</c> minimising the full energy
    /// <c>½‖x − zD‖² + λ‖z‖₁ + (α/2)‖z − F(x)‖²</c> by FISTA from F(x), as in training
    /// (<paramref name="maxIterations"/> defaults to <see cref="PredictiveSparseDecompositionOptions.InferenceIterations"/>).
    /// For codes of the plain lasso with the learned atoms use <see cref="CreateCoder"/>.
    /// </summary>
    public Tensor Infer(Tensor input, int? maxIterations = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Flatten(input);
        return InferFrom(x, Predict(x), maxIterations ?? Options.InferenceIterations).MoveToOuterDisposeScope();
    }

    /// <summary>A <see cref="SparseCoder"/> for the learned atoms: lasso codes (λ of this model, FISTA unless <paramref name="options"/> says otherwise) with no prediction term.</summary>
    public SparseCoder CreateCoder(SparseCoderOptions? options = null) =>
        new(_dictionary, options ?? new SparseCoderOptions { Algorithm = SparseCodingAlgorithm.Fista, Lambda = Options.Lambda, MaxIterations = 200, Tolerance = 1e-4 });

    /// <summary>The energy of codes <c>[B, K]</c> for inputs <c>[B, ...]</c>, per sample, <c>[B]</c>.</summary>
    public Tensor Energy(Tensor input, Tensor codes)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Flatten(input);
        var z = codes.to(_dictionary.dtype).to(Device);
        var prediction = (Predict(x) - z).square().sum(1).mul_(Options.Alpha / 2);
        return SparseCoder.Objective(x, z, _dictionary, Options.Lambda).add_(prediction).MoveToOuterDisposeScope();
    }

    /// <summary>The lasso objective <c>½‖x − zD‖² + λ‖z‖₁</c> of codes <c>[B, K]</c>, per sample, <c>[B]</c> (the yardstick for encoder and iterative codes).</summary>
    public Tensor LassoObjective(Tensor input, Tensor codes) =>
        SparseCoder.Objective(Flatten(input), codes.to(_dictionary.dtype).to(Device), _dictionary, Options.Lambda);

    /// <summary>Reconstructions <c>F(x)D</c> from the fast encoder, shaped like the input.</summary>
    public Tensor Reconstruct(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Predict(Flatten(input)).mm(_dictionary).reshape(input.shape).MoveToOuterDisposeScope();
    }

    /// <summary>F(x) for flat samples <c>[B, d]</c>; differentiable in the encoder's parameters when grad is on.</summary>
    Tensor Predict(Tensor x)
    {
        var u = addmm(_bias, x, _weight.t(), 1, 1);
        return Options.Squashing switch
        {
            PsdSquashing.Tanh => u.tanh().mul(_scale!),
            PsdSquashing.Shrink => u.sign().mul(relu(u.abs() - _scale!)),
            _ => u,
        };
    }

    /// <summary>FISTA on the energy: the lasso with <c>G + αI</c> and <c>C + αF</c>, warm-started at F.</summary>
    Tensor InferFrom(Tensor x, Tensor prediction, int iterations)
    {
        using var scope = NewDisposeScope();
        var gram = _dictionary.mm(_dictionary.t());
        double lipschitz = LassoSolvers.Lipschitz(gram) + Options.Alpha;
        if (Options.Alpha > 0) gram.diagonal().add_(Options.Alpha);
        var correlation = x.mm(_dictionary.t());
        if (Options.Alpha > 0) correlation.add_(prediction, alpha: Options.Alpha);
        return LassoSolvers.Fista(gram, correlation, Options.Lambda, lipschitz, prediction, iterations, Options.InferenceTolerance).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mean figures: <c>loss</c> = the energy, <c>recon</c> = ½‖x − zD‖², <c>l1</c>, <c>prediction</c> = (α/2)‖z − F(x)‖²,
    /// <c>nonzeros</c> per code, <c>objective</c> = the lasso objective of z and <c>encoder_objective</c> that of F(x).
    /// </summary>
    Dictionary<string, double> Figures(Tensor x, Tensor codes, Tensor prediction)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var recon = (x - codes.mm(_dictionary)).square().sum(1).mul_(0.5).mean().ToDouble();
        var l1 = codes.abs().sum(1).mean().ToDouble();
        var predictionTerm = (codes - prediction).square().sum(1).mean().ToDouble() * Options.Alpha / 2;
        var encoderObjective = SparseCoder.Objective(x, prediction, _dictionary, Options.Lambda).mean().ToDouble();
        return new()
        {
            [MetricKeys.Loss] = recon + Options.Lambda * l1 + predictionTerm,
            [MetricKeys.Reconstruction] = recon,
            ["l1"] = l1,
            ["prediction"] = predictionTerm,
            ["nonzeros"] = codes.ne(0).sum(1).to(ScalarType.Float64).mean().ToDouble(),
            ["objective"] = recon + Options.Lambda * l1,
            ["encoder_objective"] = encoderObjective,
        };
    }

    Tensor Flatten(Tensor input) => ModelArguments.FlattenSamples(input, Name, InputShape, _dictionary.dtype, Device);

    /// <summary>Lasso codes with the learned atoms (<see cref="CreateCoder"/>, FISTA), <c>[B, K]</c>.</summary>
    public Tensor SparseCode(Tensor input)
    {
        using var coder = CreateCoder();
        using var scope = NewDisposeScope();
        return coder.Encode(Flatten(input)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public string SparseCodeMethod => "lasso codes (FISTA)";

    /// <summary>The fast encoder's codes (<see cref="Encode"/>).</summary>
    public Tensor PredictCode(Tensor input) => Encode(input);

    /// <summary>Draws the atoms (<c>atoms.png</c>) and the encoder's filters, the rows of W (<c>filters.png</c>), when samples are images.</summary>
    public IReadOnlyList<RunFile> DrawPictures(PictureContext context)
    {
        if (ImageShapes.Of(InputShape) is not { } shape) return [];
        RunPictures.DrawAtoms(_dictionary, shape, context.PathOf("atoms.png"), $"{Name}: {Options.Atoms} atoms");
        RunPictures.DrawAtoms(_weight, shape, context.PathOf(RunPictures.FiltersFile), "psd: encoder filters (rows of W)");
        return [new("atoms.png", $"the {Options.Atoms} dictionary atoms as images", Name),
                new(RunPictures.FiltersFile, "the fast encoder's filters (rows of W) as images", Name)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _adam.Dispose();
        _dictionary.Dispose();
        _weight.Dispose();
        _bias.Dispose();
        _scale?.Dispose();
        _steps.Dispose();
    }
}
