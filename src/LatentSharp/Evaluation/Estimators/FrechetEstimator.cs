using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>frechet</c>: the Fréchet distance d² (<see cref="FrechetDistance"/>; FID's formula, Heusel et al.
/// 2017) between Gaussians fitted to the 64 penultimate-layer features of the embedded Fashion-MNIST
/// classifier (<see cref="FashionMnistClassifier"/>) for <c>samples</c> model samples and for as many
/// samples of the evaluated split (all of it when smaller). Lower is better; 0 for identical feature
/// sets. The standard error comes from <c>bootstrap</c> resamplings of both feature sets. The figure
/// depends on the sample count (its bias falls as 1/n) and on this classifier: it is comparable across
/// LatentSharp runs at the same settings, not with published FID (Inception features of other data).
/// Refuses models or data that are not 28×28 images in [0, 1]; model samples outside [0, 1] are clipped.
/// </summary>
public sealed class FrechetEstimator(FrechetEstimator.Settings settings) : IEstimator
{
    /// <summary>Sample count and bootstrap replicates.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>Model samples, and split samples (at most the split's size).</summary>
        [Description("Model samples drawn, and split samples used (at most the split's size)")]
        [Range(2, 1_000_000)]
        public int Samples { get; init; } = 10_000;

        /// <summary>Bootstrap replicates for the standard error.</summary>
        [Description("Bootstrap resamplings for the standard error")]
        [Range(2, 10_000)]
        public int Bootstrap { get; init; } = 20;
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        FashionMnistClassifier.RequireShape(model.InputShape, "frechet", $"'{model.Name}' makes samples of shape");
        FashionMnistClassifier.RequireData(context.Data, "frechet");
        if (context.Data.Count < 2) throw new EstimatorException($"'frechet' needs at least 2 samples; '{context.Data.Name}' has {context.Data.Count}.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var real = FashionMnistClassifier.Features(EstimatorSamples.RandomPart(context.Data, settings.Samples, context.Generator)).to(ScalarType.Float64);
        var fake = FashionMnistClassifier.Features(EstimatorSamples.FromModel((IGenerator)model, settings.Samples, context.Generator)).to(ScalarType.Float64);
        double distance = FrechetDistance.Between(fake, real);
        var replicates = new double[settings.Bootstrap];
        for (int r = 0; r < replicates.Length; r++)
        {
            using var replicateScope = NewDisposeScope();
            replicates[r] = FrechetDistance.Between(Resample(fake, context.Generator), Resample(real, context.Generator));
        }
        double mean = replicates.Average();
        double standardError = Math.Sqrt(replicates.Sum(v => (v - mean) * (v - mean)) / (replicates.Length - 1));
        return [new MetricValue("frechet.distance", distance, MetricKind.Estimate, standardError)];
    }

    static Tensor Resample(Tensor rows, Generator generator) =>
        rows.index_select(0, randint(rows.shape[0], [rows.shape[0]], generator: generator, dtype: ScalarType.Int64));
}
