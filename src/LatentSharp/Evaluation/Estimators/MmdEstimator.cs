using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers.Kernels;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>mmd</c>: MMD² between a generator's samples and the evaluated split (Gretton et al. 2012,
/// https://jmlr.org/papers/v13/gretton12a.html). Draws <c>samples</c> model samples and as many data
/// samples (a random subset when the split is larger; all of it when smaller), both from the context's
/// generator, splits the pairs into <c>blocks</c> disjoint blocks, and reports the mean of the blocks'
/// unbiased MMD² (<c>mmd.mmd2</c>, kind estimate; ≈ 0, possibly slightly negative, when the model matches
/// the data) with its standard error over blocks. Computed in float64. The kernel is part of the spec:
/// <c>mmd:kernel=rbf,bandwidth=10</c> (exp(−‖x−y‖²/(2σ²))) or <c>mmd:kernel=imq,scale=200</c>
/// (C/(C+‖x−y‖²)); the defaults suit 784 pixels in [0, 1] (C = 2σ² for σ = 10). Figures from different
/// kernels or sample counts are not comparable.
/// </summary>
public sealed class MmdEstimator(MmdEstimator.Settings settings) : IEstimator
{
    /// <summary>The kernels the estimator offers.</summary>
    public enum KernelKind
    {
        /// <summary>Gaussian: exp(−‖x − y‖² / (2σ²)), σ = <see cref="Settings.Bandwidth"/>.</summary>
        Rbf,
        /// <summary>Inverse multiquadratic: C / (C + ‖x − y‖²), C = <see cref="Settings.Scale"/>.</summary>
        Imq,
    }

    /// <summary>Kernel, sample count and blocks.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>The kernel.</summary>
        [Description("Kernel: rbf (uses bandwidth) or imq (uses scale)")]
        public KernelKind Kernel { get; init; } = KernelKind.Rbf;

        /// <summary>RBF bandwidth σ.</summary>
        [Description("RBF bandwidth sigma (10 suits 784 pixels in [0,1])")]
        [Range(1e-6, 1e6)]
        public double Bandwidth { get; init; } = 10;

        /// <summary>IMQ scale C.</summary>
        [Description("IMQ scale C in C/(C+|x-y|^2) (200 = 2*10^2 suits 784 pixels in [0,1])")]
        [Range(1e-6, 1e12)]
        public double Scale { get; init; } = 200;

        /// <summary>Model samples drawn (and data samples used, at most the split's size).</summary>
        [Description("Model samples drawn, and data samples used (at most the split's size)")]
        [Range(4, 1_000_000)]
        public int Samples { get; init; } = 1000;

        /// <summary>Disjoint blocks the standard error is computed over.</summary>
        [Description("Disjoint blocks for the standard error (each needs >= 2 samples)")]
        [Range(2, 10_000)]
        public int Blocks { get; init; } = 10;

        /// <summary>The kernel these settings name.</summary>
        public IMmdKernel CreateKernel() => Kernel == KernelKind.Rbf ? new RbfKernel(Bandwidth) : new InverseMultiquadraticKernel(Scale);
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var data = context.Data;
        long count = Math.Min(settings.Samples, data.Count);
        long blockSize = count / settings.Blocks;
        if (blockSize < 2)
            throw new EstimatorException($"'mmd' needs at least 2 samples per block ({settings.Blocks} blocks), so at least {2 * settings.Blocks} samples; '{data.Name}' has {data.Count}.");
        var kernel = settings.CreateKernel();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var indices = randperm(data.Count, generator: context.Generator).narrow(0, 0, count);
        var real = data.ReadBatch(indices, CPU).Features.reshape(count, -1).to(ScalarType.Float64);
        var fake = ((IGenerator)model).Sample(blockSize * settings.Blocks, context.Generator).to(CPU).reshape(blockSize * settings.Blocks, -1).to(ScalarType.Float64);
        var estimates = new double[settings.Blocks];
        for (int b = 0; b < settings.Blocks; b++)
        {
            using var blockScope = NewDisposeScope();
            estimates[b] = Mmd.Squared(fake.narrow(0, b * blockSize, blockSize), real.narrow(0, b * blockSize, blockSize), kernel).item<double>();
        }
        var (mean, standardError) = SampleMean.Of(estimates);
        return [new MetricValue("mmd.mmd2", mean, MetricKind.Estimate, standardError)];
    }
}
