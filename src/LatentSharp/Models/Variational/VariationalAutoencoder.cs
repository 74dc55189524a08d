using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Layers.Priors;
using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.Variational;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2014, https://arxiv.org/abs/1312.6114): a Gaussian
/// encoder q(z | x) = N(μ(x), diag σ²(x)) sampled by reparameterisation (z = μ + σ·ε, ε ~ N(0, I)), a
/// Bernoulli (logits, BCE) or Gaussian decoder p(x | z), and a prior p(z) with a density
/// (<see cref="IDensityPrior"/>). Minimises the β-weighted negative ELBO per sample,
/// E_q[−log p(x | z)] + β·KL(q(z | x) ‖ p(z)): the KL is analytic for the standard Gaussian prior and a
/// one-sample estimate log q(z | x) − log p(z) otherwise. Dense or convolutional by its options.
/// </summary>
/// <remarks>
/// Figures: <c>loss</c> (β-weighted; a bound only when β is the constant 1), <c>recon</c>
/// (−log p(x | z), nats), <c>kl</c>, and <c>elbo</c> (the ELBO at β = 1, nats, a lower bound on log p(x)).
/// The importance-weighted bound IWAE-k comes from <see cref="LogImportanceWeights"/> through the
/// <c>iwae</c> estimator.
/// </remarks>
public sealed class VariationalAutoencoder : GradientModel<VariationalAutoencoderOptionsBase>,
    IEncoder, IReconstructor, IGenerator, IImportanceWeighted, IDataChecked, IDrawsPictures
{
    /// <summary>Metric key of the ELBO at β = 1 (nats per sample; higher is better).</summary>
    public const string ElboKey = "elbo";

    static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    readonly VaeNetwork _network;
    readonly IDensityPrior _prior;
    readonly long[] _encoderInputShape;   // [D] for a dense encoder, [C, H, W] for a convolutional one

    /// <summary>Builds the network for <paramref name="inputShape"/> (one sample, e.g. <c>[1, 28, 28]</c>).</summary>
    public VariationalAutoencoder(string name, VariationalAutoencoderOptionsBase options, long[] inputShape, Device device)
        : base(name, options, inputShape, device)
    {
        _prior = options.CreatePrior();
        int code = options.CodeSize;
        (Sequential encoder, Sequential decoder) = options switch
        {
            VariationalAutoencoderOptions dense => (
                Mlp.Build(InputSize, [.. dense.HiddenSizes, 2 * code], dense.Activation, ActivationKind.Linear),
                Mlp.Build(code, [.. dense.HiddenSizes.Reverse(), (int)InputSize], dense.Activation, ActivationKind.Linear)),
            ConvolutionalVariationalAutoencoderOptions conv => (
                ConvolutionalStacks.Encoder(ImageShape(inputShape), conv.Channels, conv.KernelSize, conv.Stride, 2 * code, conv.Activation, ActivationKind.Linear),
                ConvolutionalStacks.Decoder(ImageShape(inputShape), conv.Channels, conv.KernelSize, conv.Stride, code, conv.Activation)),
            _ => throw new ArgumentException($"Unsupported VAE options {options.GetType().Name}.", nameof(options)),
        };
        _encoderInputShape = options is VariationalAutoencoderOptions ? [InputSize] : ImageShape(inputShape);
        var logStd = options.LearnDecoderStd ? full([InputSize], Math.Log(options.DecoderStd)) : null;
        _network = new VaeNetwork(encoder, decoder, logStd);
        Initialize(_network);
        DeclareOptimizer(MainOptimizerName, options.MainOptimizer(), _network.named_parameters());
    }

    /// <summary>The prior p(z).</summary>
    public IDensityPrior Prior => _prior;

    /// <inheritdoc />
    public long CodeSize => Options.CodeSize;

    /// <inheritdoc />
    public override MetricKind KindOf(string metric) => metric switch
    {
        ElboKey => MetricKind.Bound,
        MetricKeys.Loss when Options.Beta.IsConstant && Options.Beta.Start == 1 => MetricKind.Bound,
        _ => MetricKind.Proxy,
    };

    /// <summary>The Bernoulli decoder without <see cref="VariationalAutoencoderOptionsBase.Binarize"/> needs data in [0, 1].</summary>
    public void CheckData(IBatchSource data)
    {
        if (Options.Likelihood == DecoderLikelihood.Bernoulli && !Options.Binarize) DataChecks.CheckBceRange(Name, data);
    }

    /// <summary>The posterior mean μ(x), <c>[B, CodeSize]</c>.</summary>
    public Tensor Encode(Tensor input) => InferBatched(input, x => Posterior(Prepare(x)).Mean);

    /// <summary>The decoder's mean (Bernoulli probabilities or Gaussian means) at the posterior mean, <c>[B, ...input shape]</c>.</summary>
    public Tensor Reconstruct(Tensor input) => InferBatched(input, x => Mean(DecoderOutput(Posterior(Prepare(x)).Mean)).reshape([x.shape[0], .. InputShape]));

    /// <summary>Decodes codes <c>[B, CodeSize]</c> to the decoder's mean <c>[B, ...input shape]</c> (no gradient).</summary>
    public Tensor Decode(Tensor codes) =>
        codes.dim() == 2 && codes.shape[1] == CodeSize
            ? Infer(() => Mean(DecoderOutput(codes.to(Device))).reshape([codes.shape[0], .. InputShape]))
            : throw new ArgumentException($"Codes must be [B, {CodeSize}]; got [{string.Join(", ", codes.shape)}].", nameof(codes));

    /// <summary>Draws z from the prior and returns the decoder's mean, <c>[count, ...input shape]</c>.</summary>
    public Tensor Sample(long count, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Infer(() => Mean(DecoderOutput(_prior.Sample(count, generator, Device))).reshape([count, .. InputShape]));
    }

    /// <inheritdoc />
    public Tensor LogImportanceWeights(Tensor input, int samples, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentNullException.ThrowIfNull(generator);
        CheckInput(input);
        return Infer(() =>
        {
            var x = Prepare(input.to(Device));
            long batch = x.shape[0];
            var (mean, logVariance) = Posterior(x);
            var noise = randn([batch, samples, CodeSize], generator: generator, device: generator.device).to(Device);
            var codes = mean.unsqueeze(1) + (logVariance * 0.5).exp().unsqueeze(1) * noise;                     // [B, k, K]
            var flatCodes = codes.reshape(batch * samples, CodeSize);
            var logLikelihood = SharedTargetLogLikelihood(DecoderOutput(flatCodes).reshape(batch, samples, InputSize), x.reshape(batch, InputSize));
            var logPrior = _prior.LogDensity(flatCodes).reshape(batch, samples);
            var logPosterior = LogPosterior(noise, logVariance.unsqueeze(1));
            return (logLikelihood + logPrior - logPosterior).to(ScalarType.Float64);
        });
    }

    /// <inheritdoc />
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var x = Prepare(batch.Features);
        var (mean, logVariance) = Posterior(x);
        var noise = randn(mean.shape, generator: context.Generator, device: context.Generator.device).to(Device);
        var codes = mean + (logVariance * 0.5).exp() * noise;                                                   // reparameterisation
        var reconstruction = -LogLikelihood(DecoderOutput(codes), x.reshape(x.shape[0], InputSize));                // [B]
        var kl = _prior is StandardGaussianPrior
            ? (mean.square() + logVariance.exp() - 1 - logVariance).sum(1) * 0.5                                // KL(N(μ, σ²) ‖ N(0, I))
            : LogPosterior(noise, logVariance) - _prior.LogDensity(codes);                                     // one-sample estimate
        double beta = Options.Beta.ValueAt(context.Step, context.TotalSteps);
        var negativeElbo = reconstruction + kl;
        return new LossOutput((reconstruction + kl * beta).mean(), new Dictionary<string, Tensor>
        {
            [MetricKeys.Reconstruction] = reconstruction.mean(),
            [MetricKeys.KL] = kl.mean(),
            [ElboKey] = -negativeElbo.mean(),
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<RunFile> DrawPictures(PictureContext context) => VariationalPictures.Draw(this, context);

    /// <summary>(μ, log σ²), each <c>[B, CodeSize]</c>.</summary>
    (Tensor Mean, Tensor LogVariance) Posterior(Tensor x)
    {
        var parts = _network.Encoder.call(x).chunk(2, 1);
        return (parts[0], parts[1]);
    }

    /// <summary>Decoder output <c>[B, D]</c>: logits (Bernoulli) or means (Gaussian).</summary>
    Tensor DecoderOutput(Tensor codes) => _network.Decoder.call(codes).reshape(codes.shape[0], InputSize);

    Tensor Mean(Tensor output) => Options.Likelihood == DecoderLikelihood.Bernoulli ? output.sigmoid() : output;

    /// <summary>log p(x | z) per sample, <c>[B]</c>, for decoder output and targets <c>[B, D]</c>.</summary>
    Tensor LogLikelihood(Tensor output, Tensor target)
    {
        if (Options.Likelihood == DecoderLikelihood.Bernoulli)
            return -binary_cross_entropy_with_logits(output, target, reduction: nn.Reduction.None).sum(1);
        if (_network.LogStd is { } logStd)
            return ((target - output) * (-logStd).exp()).square().mul(-0.5).sub(logStd).sum(1) - InputSize * HalfLogTwoPi;
        double std = Options.DecoderStd;
        return (target - output).square().sum(1).mul(-0.5 / (std * std)) - InputSize * (Math.Log(std) + HalfLogTwoPi);
    }

    /// <summary>
    /// log p(x | z_i) <c>[B, k]</c> for decoder outputs <c>[B, k, D]</c> of k codes per sample and the samples'
    /// targets <c>[B, D]</c>. The Bernoulli case uses log p(x | z) = Σ_d x_d·l_d − softplus(l_d) (the same value as
    /// −BCE with logits, for any x in [0, 1]), with Σ_d x_d·l_d as one batched product: no copy of x per code and
    /// fewer passes over the k·D logits, which dominate the importance-weighted bound's cost besides the decoder.
    /// </summary>
    Tensor SharedTargetLogLikelihood(Tensor output, Tensor target)
    {
        long batch = output.shape[0], samples = output.shape[1];
        if (Options.Likelihood == DecoderLikelihood.Bernoulli)
            return output.bmm(target.unsqueeze(2)).squeeze(2) - softplus(output).sum(2);
        var expanded = target.unsqueeze(1).expand(batch, samples, InputSize).reshape(batch * samples, InputSize);
        return LogLikelihood(output.reshape(batch * samples, InputSize), expanded).reshape(batch, samples);
    }

    /// <summary>log q(z | x) summed over the code, for z = μ + σ·ε: Σ −½ε² − ½log σ² − ½log 2π.</summary>
    Tensor LogPosterior(Tensor noise, Tensor logVariance) =>
        (noise.square() + logVariance).mul(-0.5).sum(-1) - CodeSize * HalfLogTwoPi;

    /// <summary>Input reshaped for the encoder (and binarised at 0.5 when asked).</summary>
    Tensor Prepare(Tensor x)
    {
        var shaped = x.reshape([x.shape[0], .. _encoderInputShape]);
        return Options.Binarize ? shaped.gt(0.5).to(shaped.dtype) : shaped;
    }

    static long[] ImageShape(long[] inputShape) => inputShape.Length switch
    {
        3 => inputShape,
        2 => [1, inputShape[0], inputShape[1]],
        _ => throw new ArgumentException($"A convolutional VAE needs image samples [C, H, W] or [H, W]; got [{string.Join(", ", inputShape)}].", nameof(inputShape)),
    };

    sealed class VaeNetwork : nn.Module<Tensor, Tensor>
    {
        // Field names become state names: encoder.*, decoder.*, decoder_log_std (learned Gaussian σ only)
        readonly Sequential encoder;
        readonly Sequential decoder;
        readonly Parameter? decoder_log_std;

        public VaeNetwork(Sequential encoder, Sequential decoder, Tensor? logStd) : base("vae")
        {
            this.encoder = encoder;
            this.decoder = decoder;
            if (logStd is not null) decoder_log_std = new Parameter(logStd);
            RegisterComponents();
        }

        public Sequential Encoder => encoder;
        public Sequential Decoder => decoder;
        public Parameter? LogStd => decoder_log_std;

        public override Tensor forward(Tensor input) => throw new NotSupportedException("Use the encoder and decoder separately.");

        protected override void Dispose(bool disposing)
        {
            if (disposing) { encoder.Dispose(); decoder.Dispose(); decoder_log_std?.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
