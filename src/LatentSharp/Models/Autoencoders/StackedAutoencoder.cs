using LatentSharp.Corruption;
using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Models.Autoencoders.Penalties;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.Autoencoders;

/// <summary>
/// A stacked (optionally denoising and/or sparse) autoencoder trained greedily, layer by layer
/// (Bengio et al., 2007, https://papers.nips.cc/paper/3048; Vincent et al., 2010,
/// https://jmlr.org/papers/v11/vincent10a.html). Epoch <c>e</c> trains layer
/// <c>e / EpochsPerLayer</c> to reconstruct its input, which is the frozen code of the layers below;
/// epochs after the last layer fine-tune the whole stack end to end. So the one
/// <see cref="Trainer"/> runs the whole schedule, and checkpoints and resume work as for every model.
/// Each layer has its own optimiser, <c>layer1</c>, <c>layer2</c>, …, over that layer's parameters,
/// and the end-to-end phase one more, <c>stack</c>, over all of them; their state is checkpointed
/// under those names.
/// </summary>
public sealed class StackedAutoencoder : GradientModel<StackedAutoencoderOptions>, IDenseEncoder, IReconstructor, IPhasedTrainable, IDataChecked
{
    /// <summary>Metric key of the whole stack's reconstruction error of the input (evaluation only).</summary>
    public const string StackReconstructionKey = "stack_recon";

    /// <summary>Metric key of the layer being trained (1-based; layers + 1 while fine-tuning the whole stack).</summary>
    public const string LayerKey = "layer";

    /// <summary>Name of the optimiser of the end-to-end phase, over every layer (the greedy layers' are <c>layer1</c>, <c>layer2</c>, …).</summary>
    public const string StackOptimizerName = "stack";

    readonly Stack _network;
    readonly (AutoencoderOptions Options, ICorruption? Corruption, IReadOnlyList<ICodePenalty> Penalties)[] _layers;
    readonly string[] _layerOptimizers;

    /// <summary>Builds the stack for <paramref name="inputShape"/> (one sample, e.g. <c>[1, 28, 28]</c>).</summary>
    public StackedAutoencoder(string name, StackedAutoencoderOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device)
    {
        var sizes = options.LayerSizes;
        _network = new Stack(sizes.Select((size, i) => new LayerPair(i == 0 ? InputSize : sizes[i - 1], size, options.LayerActivation(i))).ToArray());
        _layers = sizes.Select((_, i) =>
        {
            var layerOptions = options.LayerOptions(i);
            return (layerOptions, Corruptions.Parse(layerOptions.Noise), AutoencoderPenalties.From(layerOptions));
        }).ToArray();
        Initialize(_network);
        _layerOptimizers = sizes.Select((_, i) => $"layer{i + 1}").ToArray();
        for (int i = 0; i < sizes.Length; i++)
            DeclareOptimizer(_layerOptimizers[i], options.MainOptimizer(), _network.Layers[i].named_parameters());
        DeclareOptimizer(StackOptimizerName, options.MainOptimizer(), _network.named_parameters());
    }

    /// <summary>With the BCE loss, refuses data with values outside [0, 1] (BCE would fall below zero and train towards nonsense), naming the MSE loss.</summary>
    public void CheckData(IBatchSource data)
    {
        if (Options.Loss == ReconstructionLoss.Bce) DataChecks.CheckBceRange(Name, data);
    }

    /// <summary>Number of layers.</summary>
    public int LayerCount => _layers.Length;

    /// <inheritdoc />
    public long CodeSize => Options.LayerSizes[^1];

    /// <inheritdoc />
    public IReadOnlyList<DenseLayer> EncoderLayers =>
        _network.Layers.Select((layer, i) => new DenseLayer(layer.Encoder.weight, layer.Encoder.bias!, Options.LayerActivation(i))).ToList();

    /// <summary>
    /// One greedy phase per layer (<c>layer-1</c> …, <see cref="StackedAutoencoderOptions.EpochsPerLayer"/>
    /// epochs each), then <c>fine-tune</c>: the whole stack end to end for the rest of the run.
    /// </summary>
    public IReadOnlyList<TrainingPhase> Phases =>
    [
        .. Enumerable.Range(1, LayerCount).Select(i => new TrainingPhase($"layer-{i}", Options.EpochsPerLayer,
            i == 1 ? "layer 1 reconstructs the input" : $"layer {i} reconstructs the frozen code of layer {i - 1}")),
        new TrainingPhase("fine-tune", 0, "the whole stack end to end"),
    ];

    /// <summary>
    /// The zero-based layer that <paramref name="context"/>'s phase trains, or <see cref="LayerCount"/>
    /// for end-to-end fine-tuning (also outside training, where a context stands after the last phase).
    /// </summary>
    public int PhaseOf(TrainingContext context) => Math.Min(context.PhaseIndex, LayerCount);

    /// <inheritdoc />
    public Tensor Encode(Tensor input) => InferBatched(input, x => EncodeAll(Flatten(x)));

    /// <inheritdoc />
    public Tensor Reconstruct(Tensor input) =>
        InferBatched(input, x => OutputOf(0, DecodeAll(EncodeAll(Flatten(x)))).reshape([x.shape[0], .. InputShape]));

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        int phase = PhaseOf(context);
        // A greedy phase steps only its layer's optimiser (the layers below run without gradient); fine-tuning steps the stack's.
        var optimizer = Optimizers[phase == LayerCount ? StackOptimizerName : _layerOptimizers[phase]];
        Network.train();
        optimizer.ZeroGrad();
        var output = ComputeLoss(batch, context);
        output.Loss.backward();
        optimizer.Step();
        return output.ToMetrics();
    }

    /// <inheritdoc />
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var x = Flatten(batch.Features);
        int phase = PhaseOf(context);
        var parts = new Dictionary<string, Tensor> { [LayerKey] = tensor(phase + 1f) };
        Tensor loss;
        if (phase < LayerCount)
        {
            var (options, corruption, penalties) = _layers[phase];
            Tensor target = x;
            using (no_grad())
                for (int j = 0; j < phase; j++) target = _network.Layers[j].Encode(target);   // frozen layers below
            var input = corruption is not null && Network.training ? corruption.Apply(target, context.Generator) : target;
            var code = _network.Layers[phase].Encode(input);
            loss = ReconstructionError(options, _network.Layers[phase].Decode(code), target);
            parts[MetricKeys.Reconstruction] = loss;
            if (penalties.Count > 0)
            {
                var penaltyInput = new PenaltyInput(input, code, t => _network.Layers[phase].Encode(t));
                foreach (var penalty in penalties)
                {
                    var value = penalty.Compute(penaltyInput);
                    parts[penalty.Name] = value;
                    loss = loss + value;
                }
            }
            if (!Network.training)
                parts[StackReconstructionKey] = ReconstructionError(_layers[0].Options, DecodeAll(EncodeAll(x)), x);
        }
        else
        {
            var corruption = _layers[0].Corruption;
            var input = corruption is not null && Network.training ? corruption.Apply(x, context.Generator) : x;
            loss = ReconstructionError(_layers[0].Options, DecodeAll(EncodeAll(input)), x);
            parts[MetricKeys.Reconstruction] = loss;
            if (!Network.training) parts[StackReconstructionKey] = loss;
        }
        return new LossOutput(loss, parts);
    }

    Tensor EncodeAll(Tensor x)
    {
        foreach (var layer in _network.Layers) x = layer.Encode(x);
        return x;
    }

    /// <summary>Decodes the top code down to the first layer's output pre-activation.</summary>
    Tensor DecodeAll(Tensor code)
    {
        for (int i = LayerCount - 1; i > 0; i--) code = OutputOf(i, _network.Layers[i].Decode(code));
        return _network.Layers[0].Decode(code);
    }

    Tensor OutputOf(int layer, Tensor preactivation) => ReconstructionErrors.Output(_layers[layer].Options.Output, preactivation);

    static Tensor ReconstructionError(AutoencoderOptions options, Tensor preactivation, Tensor target) =>
        ReconstructionErrors.Of(options.Loss, options.Output, preactivation, target);

    static Tensor Flatten(Tensor x) => x.reshape(x.shape[0], -1);

    /// <summary>One layer: an encoder with its activation and a decoder back to the layer's input.</summary>
    sealed class LayerPair : nn.Module<Tensor, Tensor>
    {
        // Field names become state names: layers.{i}.encoder.*, layers.{i}.decoder.*
        readonly Linear encoder;
        readonly Linear decoder;
        readonly nn.Module<Tensor, Tensor> activation;

        public LayerPair(long inputSize, long codeSize, ActivationKind kind) : base("layer")
        {
            encoder = nn.Linear(inputSize, codeSize);
            decoder = nn.Linear(codeSize, inputSize);
            activation = Activations.Create(kind);
            RegisterComponents();
        }

        public Linear Encoder => encoder;

        public Tensor Encode(Tensor x) => activation.call(encoder.call(x));

        public Tensor Decode(Tensor code) => decoder.call(code);

        public override Tensor forward(Tensor input) => Decode(Encode(input));

        protected override void Dispose(bool disposing)
        {
            if (disposing) { encoder.Dispose(); decoder.Dispose(); activation.Dispose(); }
            base.Dispose(disposing);
        }
    }

    sealed class Stack : nn.Module<Tensor, Tensor>
    {
        readonly ModuleList<LayerPair> layers;
        readonly LayerPair[] _pairs;   // the same modules, for indexing (arrays are not registered)

        public Stack(LayerPair[] pairs) : base("stacked_autoencoder")
        {
            layers = nn.ModuleList(pairs);
            _pairs = pairs;
            RegisterComponents();
        }

        public IReadOnlyList<LayerPair> Layers => _pairs;

        public override Tensor forward(Tensor input)
        {
            foreach (var layer in layers) input = layer.Encode(input);
            return input;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) layers.Dispose();
            base.Dispose(disposing);
        }
    }
}
