using LatentSharp.Corruption;
using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Models.Autoencoders.Penalties;
using LatentSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.Autoencoders;

/// <summary>
/// An autoencoder: an encoder to a code and a decoder back, trained to reconstruct its input.
/// Dense or convolutional according to its options (<see cref="AutoencoderOptions"/>,
/// <see cref="ConvolutionalAutoencoderOptions"/>). Denoising, sparse and contractive
/// autoencoders are this class with a corruption and/or penalties switched on in the options;
/// they combine freely.
/// </summary>
public sealed class Autoencoder : GradientModel<AutoencoderOptionsBase>, IDenseEncoder, IReconstructor, IDataChecked
{
    readonly EncoderDecoder _network;
    readonly ICorruption? _corruption;
    readonly IReadOnlyList<ICodePenalty> _penalties;

    /// <summary>Builds the network for <paramref name="inputShape"/> (one sample, e.g. <c>[1, 28, 28]</c>).</summary>
    public Autoencoder(string name, AutoencoderOptionsBase options, long[] inputShape, Device device)
        : base(name, options, inputShape, device)
    {
        _network = options switch
        {
            AutoencoderOptions dense => new EncoderDecoder(
                nn.Sequential(nn.Flatten(), Mlp.Build(InputSize, [.. dense.HiddenSizes, dense.CodeSize], dense.Activation, dense.CodeActivation)),
                Mlp.Build(dense.CodeSize, [.. dense.HiddenSizes.Reverse(), (int)InputSize], dense.Activation, ActivationKind.Linear)),
            ConvolutionalAutoencoderOptions conv => new EncoderDecoder(
                ConvolutionalStacks.Encoder(ImageShape(inputShape), conv.Channels, conv.KernelSize, conv.Stride, conv.CodeSize, conv.Activation, conv.CodeActivation),
                ConvolutionalStacks.Decoder(ImageShape(inputShape), conv.Channels, conv.KernelSize, conv.Stride, conv.CodeSize, conv.Activation)),
            _ => throw new ArgumentException($"Unsupported autoencoder options {options.GetType().Name}.", nameof(options)),
        };
        _corruption = Corruptions.Parse(options.Noise);
        CheckCorruptionFits(_corruption, InputShape);
        _penalties = AutoencoderPenalties.From(options);
        Initialize(_network);
        DeclareOptimizer(MainOptimizerName, options.MainOptimizer(), _network.named_parameters());
    }

    /// <summary>The training-input corruption (denoising), or null.</summary>
    public ICorruption? Corruption => _corruption;

    /// <summary>The penalties added to the reconstruction loss.</summary>
    public IReadOnlyList<ICodePenalty> Penalties => _penalties;

    /// <summary>With the BCE loss, refuses data with values outside [0, 1] (BCE would fall below zero and train towards nonsense), naming the MSE loss.</summary>
    public void CheckData(IBatchSource data)
    {
        if (Options.Loss == ReconstructionLoss.Bce) DataChecks.CheckBceRange(Name, data);
    }

    /// <inheritdoc />
    public long CodeSize => Options.CodeSize;

    /// <inheritdoc />
    public IReadOnlyList<DenseLayer> EncoderLayers => Options is AutoencoderOptions dense
        ? _network.Encoder.modules().OfType<Linear>()
            .Select((layer, i) => new DenseLayer(layer.weight, layer.bias!, i == dense.HiddenSizes.Length ? dense.CodeActivation : dense.Activation)).ToList()
        : [];

    /// <inheritdoc />
    public Tensor Encode(Tensor input) => InferBatched(input, x => _network.Encoder.call(Shape(x)));

    /// <inheritdoc />
    public Tensor Reconstruct(Tensor input) => InferBatched(input, x => OutputOf(Decode(_network.Encoder.call(Shape(x)), x.shape[0])));

    /// <summary>
    /// ‖J_f(x)‖²_F per sample, <c>[B]</c>: the squared Frobenius norm of the encoder's Jacobian
    /// ∂code/∂input at each clean input, exact (automatic differentiation) for any encoder, in
    /// evaluation mode and without gradients to the weights.
    /// </summary>
    /// <param name="input">Samples <c>[B, ...input shape]</c> (or flattened).</param>
    /// <param name="batchSize">Samples differentiated at a time.</param>
    public Tensor EncoderJacobianSquaredNorms(Tensor input, int batchSize = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        CheckInput(input);
        Network.eval();
        try
        {
            using var scope = NewDisposeScope();
            var parts = new List<Tensor>();
            for (long start = 0; start < input.shape[0]; start += batchSize)
            {
                var chunk = Shape(input.narrow(0, start, Math.Min(batchSize, input.shape[0] - start)).to(Device));
                parts.Add(EncoderJacobian.SquaredFrobeniusNorms(x => _network.Encoder.call(x), chunk, CodeSize, createGraph: false));
            }
            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            Network.train();
        }
    }

    /// <summary>Decodes codes <c>[B, CodeSize]</c> to outputs <c>[B, ...input shape]</c> (no gradient).</summary>
    public Tensor Decode(Tensor codes)
    {
        if (codes.dim() != 2 || codes.shape[1] != CodeSize)
            throw new ArgumentException($"Codes must be [B, {CodeSize}]; got [{string.Join(", ", codes.shape)}].", nameof(codes));
        using var noGrad = no_grad();
        Network.eval();
        try { return OutputOf(Decode(codes.to(Device), codes.shape[0])); }
        finally { Network.train(); }
    }

    /// <inheritdoc />
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var target = Shape(batch.Features);
        // Denoising: corrupt while training only; evaluation scores clean-input reconstruction.
        var input = _corruption is not null && Network.training ? _corruption.Apply(target, context.Generator) : target;
        var code = _network.Encoder.call(input);
        var reconstruction = ReconstructionError(Decode(code, target.shape[0]), target);
        var parts = new Dictionary<string, Tensor> { [MetricKeys.Reconstruction] = reconstruction };
        var loss = reconstruction;
        if (_penalties.Count > 0)
        {
            var penaltyInput = new PenaltyInput(input, code, x => _network.Encoder.call(x), _network.Encoder);
            foreach (var penalty in _penalties)
            {
                var value = penalty.Compute(penaltyInput);
                parts[penalty.Name] = value;
                loss = loss + value;
            }
        }
        return new LossOutput(loss, parts);
    }

    /// <summary>Per-sample summed reconstruction error, averaged over the batch.</summary>
    Tensor ReconstructionError(Tensor preactivation, Tensor target) =>
        ReconstructionErrors.Of(Options.Loss, Options.Output, preactivation, target);

    Tensor Decode(Tensor code, long batchSize) => _network.Decoder.call(code).reshape([batchSize, .. InputShape]);

    Tensor OutputOf(Tensor preactivation) => ReconstructionErrors.Output(Options.Output, preactivation);

    Tensor Shape(Tensor x) => x.shape.Skip(1).SequenceEqual(InputShape) ? x : x.reshape([x.shape[0], .. InputShape]);

    /// <summary>Refuses at construction a corruption that cannot apply to these samples (e.g. blocks larger than the image).</summary>
    static void CheckCorruptionFits(ICorruption? corruption, long[] inputShape)
    {
        if (corruption is null) return;
        using var scope = NewDisposeScope();
        using var generator = new Generator(0);
        try { corruption.Apply(zeros([1, .. inputShape]), generator); }
        catch (ArgumentException e)
        {
            throw new Options.InvalidOptionException(nameof(AutoencoderOptionsBase.Noise), corruption.Spec,
                $"a noise that fits samples of shape [{string.Join(", ", inputShape)}] ({e.Message.Split(" (Parameter")[0]})");
        }
    }

    static long[] ImageShape(long[] inputShape) => inputShape.Length switch
    {
        3 => inputShape,
        2 => [1, inputShape[0], inputShape[1]],
        _ => throw new ArgumentException($"A convolutional autoencoder needs image samples [C, H, W] or [H, W]; got [{string.Join(", ", inputShape)}].", nameof(inputShape)),
    };

    sealed class EncoderDecoder : nn.Module<Tensor, Tensor>
    {
        // Field names become state names: encoder.*, decoder.*
        readonly Sequential encoder;
        readonly Sequential decoder;

        public EncoderDecoder(Sequential encoder, Sequential decoder) : base("autoencoder")
        {
            this.encoder = encoder;
            this.decoder = decoder;
            RegisterComponents();
        }

        public Sequential Encoder => encoder;
        public Sequential Decoder => decoder;

        public override Tensor forward(Tensor input) => decoder.call(encoder.call(input));

        protected override void Dispose(bool disposing)
        {
            if (disposing) { encoder.Dispose(); decoder.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
