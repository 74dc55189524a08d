using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Layers.Kernels;
using LatentSharp.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Models.MomentMatching;

/// <summary>
/// A generative moment matching network (Li, Swersky and Zemel 2015, https://arxiv.org/abs/1502.02761):
/// an MLP maps uniform noise <c>[B, NoiseSize]</c> to samples <c>[B, ...input shape]</c>, trained by
/// minimising MMD² between a batch of its samples and each data batch under a sum of Gaussian kernels
/// of several bandwidths. No discriminator: the kernel two-sample statistic is the critic.
/// The loss is the biased (V-statistic) MMD², the paper's objective; <c>mmd</c> reports it too.
/// </summary>
public sealed class GenerativeMomentMatchingNetwork : GradientModel<GenerativeMomentMatchingOptions>, IGenerator, IDataChecked
{
    readonly Sequential _generator;
    readonly RbfKernel _kernel;

    /// <summary>Builds the generator for samples of <paramref name="inputShape"/> (e.g. <c>[1, 28, 28]</c>).</summary>
    public GenerativeMomentMatchingNetwork(string name, GenerativeMomentMatchingOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device)
    {
        _kernel = new RbfKernel(options.BandwidthValues());
        _generator = Mlp.Build(options.NoiseSize, [.. options.HiddenSizes, (int)InputSize], options.Activation, options.OutputActivation);
        Initialize(_generator);
        DeclareOptimizer(MainOptimizerName, options.MainOptimizer(), _generator.named_parameters());
    }

    /// <summary>The kernel MMD is measured with.</summary>
    public IMmdKernel Kernel => _kernel;

    /// <summary>A sigmoid (tanh) output can only match data in [0, 1] ([−1, 1]): other data is refused, naming the linear output.</summary>
    public void CheckData(IBatchSource data)
    {
        var (low, high) = Options.OutputActivation switch
        {
            ActivationKind.Sigmoid => (0.0, 1.0),
            ActivationKind.Tanh => (-1.0, 1.0),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        if (double.IsInfinity(low)) return;
        var (minimum, maximum) = DataChecks.Range(data);
        if (minimum >= low && maximum <= high) return;
        string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        throw new ArgumentException($"{Name}'s {Options.OutputActivation.ToString().ToLowerInvariant()} output gives values in [{F(low)}, {F(high)}], but '{data.Name}' has values from " +
                                    $"{F(minimum)} to {F(maximum)}: use --output-activation linear or scale the data.");
    }

    /// <inheritdoc />
    public Tensor Sample(long count, Generator? generator = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Draw at least one sample.");
        _generator.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return Generate(count, generator).MoveToOuterDisposeScope();
        }
        finally
        {
            _generator.train();
        }
    }

    /// <summary>Samples <c>[count, ...input shape]</c> from noise drawn from <paramref name="generator"/>, with gradient.</summary>
    Tensor Generate(long count, Generator? generator)
    {
        var noise = rand([count, Options.NoiseSize], generator: generator, device: Device) * 2 - 1;   // U[−1, 1]
        return _generator.call(noise).reshape([count, .. InputShape]);
    }

    /// <summary>
    /// Biased MMD² between as many fresh samples as the batch holds (noise from <c>context.Generator</c>)
    /// and the batch. Evaluation uses it too, on the evaluation's own generator.
    /// </summary>
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var data = batch.Features;
        var samples = Generate(data.shape[0], context.Generator);
        var mmd = Mmd.Squared(samples, data.to(samples.dtype), _kernel, MmdStatistic.Biased).to(ScalarType.Float32);
        return new LossOutput(mmd, new Dictionary<string, Tensor> { [MetricKeys.Mmd] = mmd });
    }
}
