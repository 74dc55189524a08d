using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.Supervised;

/// <summary>
/// A supervised classifier: a fully connected encoder and a linear softmax head, trained with
/// cross-entropy through the one <see cref="Trainer"/>. It starts from random weights or from a
/// pretrained encoder (<see cref="CopyEncoderFrom"/>: the fine-tuning of Hinton and
/// Salakhutdinov, 2006, and of stacked denoising autoencoders). Metrics: <c>loss</c> (mean
/// cross-entropy) and <c>accuracy</c>. Needs labelled data.
/// </summary>
public sealed class Classifier : GradientModel<ClassifierOptions>, IDenseEncoder
{
    /// <summary>Metric key of the fraction of correctly classified samples.</summary>
    public const string AccuracyKey = "accuracy";

    /// <summary>Accuracy is counted exactly on the data given; the cross-entropy loss is a proxy.</summary>
    public override MetricKind KindOf(string metric) => metric == AccuracyKey ? MetricKind.Exact : MetricKind.Proxy;

    readonly ClassifierNetwork _network;

    /// <summary>Builds the classifier for <paramref name="inputShape"/> (one sample).</summary>
    public Classifier(string name, ClassifierOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device)
    {
        var encoder = Mlp.Build(InputSize, options.HiddenSizes, options.Activation, options.CodeActivation);
        _network = new ClassifierNetwork(encoder, nn.Linear(options.HiddenSizes.Length > 0 ? options.HiddenSizes[^1] : InputSize, options.Classes));
        Initialize(_network);
        DeclareOptimizer(MainOptimizerName, options.MainOptimizer(), _network.named_parameters());
    }

    /// <summary>Number of classes.</summary>
    public int Classes => Options.Classes;

    /// <summary>Size of the features the head reads (the last encoder layer, or the input).</summary>
    public long CodeSize => Options.HiddenSizes.Length > 0 ? Options.HiddenSizes[^1] : InputSize;

    /// <inheritdoc />
    public IReadOnlyList<DenseLayer> EncoderLayers =>
        _network.Encoder.modules().OfType<Linear>().Select((layer, i) => new DenseLayer(layer.weight, layer.bias!, Options.LayerActivation(i))).ToList();

    /// <summary>
    /// Copies a pretrained encoder's weights into this classifier's encoder (the head stays as
    /// initialised). The layers must match in number and shape.
    /// </summary>
    /// <exception cref="ArgumentException">The layers do not fit this classifier.</exception>
    public void CopyEncoderFrom(IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var own = EncoderLayers;
        if (layers.Count != own.Count)
            throw new ArgumentException($"The encoder has {layers.Count} layers; this classifier has {own.Count}.", nameof(layers));
        for (int i = 0; i < own.Count; i++)
            if (!layers[i].Weight.shape.SequenceEqual(own[i].Weight.shape) || !layers[i].Bias.shape.SequenceEqual(own[i].Bias.shape))
                throw new ArgumentException($"Encoder layer {i + 1} is [{string.Join(", ", layers[i].Weight.shape)}]; this classifier's is [{string.Join(", ", own[i].Weight.shape)}].", nameof(layers));
        using var noGrad = no_grad();
        for (int i = 0; i < own.Count; i++)
        {
            own[i].Weight.copy_(layers[i].Weight);
            own[i].Bias.copy_(layers[i].Bias);
        }
    }

    /// <summary>The encoder's features <c>[B, CodeSize]</c> (no gradient).</summary>
    public Tensor Encode(Tensor input) => InferBatched(input, x => _network.Encoder.call(x.reshape(x.shape[0], -1)));

    /// <summary>Class scores (logits) <c>[B, Classes]</c> (no gradient).</summary>
    public Tensor Logits(Tensor input) => InferBatched(input, x => _network.call(x.reshape(x.shape[0], -1)));

    /// <summary>Predicted classes <c>[B]</c>, int64 (no gradient).</summary>
    public Tensor Predict(Tensor input)
    {
        using var logits = Logits(input);
        return logits.argmax(1);
    }

    /// <inheritdoc />
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var labels = batch.Labels ?? throw new ArgumentException($"{Name} needs labelled data; this data has no labels.");
        var (min, max) = labels.aminmax();
        if (min.item<long>() < 0 || max.item<long>() >= Classes)
            throw new ArgumentException($"{Name} has {Classes} classes but the data has label {(min.item<long>() < 0 ? min.item<long>() : max.item<long>())}; set --classes.");
        var logits = _network.call(batch.Features.reshape(batch.Size, -1));
        var loss = cross_entropy(logits, labels);
        var accuracy = logits.argmax(1).eq(labels).to(ScalarType.Float32).mean();
        return new LossOutput(loss, new Dictionary<string, Tensor> { [AccuracyKey] = accuracy });
    }

    sealed class ClassifierNetwork : nn.Module<Tensor, Tensor>
    {
        // Field names become state names: encoder.*, head.*
        readonly Sequential encoder;
        readonly Linear head;

        public ClassifierNetwork(Sequential encoder, Linear head) : base("classifier")
        {
            this.encoder = encoder;
            this.head = head;
            RegisterComponents();
        }

        public Sequential Encoder => encoder;

        public override Tensor forward(Tensor input) => head.call(encoder.call(input));

        protected override void Dispose(bool disposing)
        {
            if (disposing) { encoder.Dispose(); head.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
