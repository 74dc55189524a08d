using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>parzen</c>: the Parzen-window log-likelihood of the evaluated split under a Gaussian window on
/// <c>samples</c> model samples (<see cref="ParzenWindow"/>), as in the GAN paper (Goodfellow et al.
/// 2014, 10,000 samples) and the AAE paper (Makhzani et al. 2015). The bandwidth σ is chosen from a
/// log-spaced grid (<c>sigma-min</c>..<c>sigma-max</c>, <c>sigma-steps</c> values) by the mean
/// log-likelihood of <c>validation</c> samples drawn at random from the run's <b>training</b> split — the
/// evaluator gives only one evaluated split, so the validation set is held out of the training data,
/// never the scored data. Figures: <c>parzen.log_likelihood</c> (mean nats per sample) and
/// <c>parzen.bits_per_dim</c> through <see cref="DensityUnits"/>, kind estimate, with the standard error
/// over the scored samples; <c>parzen.sigma</c>, the chosen σ (proxy). Data with continuous values have a
/// density, so the log-likelihood may be positive and bits/dim negative.
/// <para>Known weakness (Theis et al. 2016, https://arxiv.org/abs/1511.01844): in high dimensions the
/// Parzen estimate is far from the model's true log-likelihood even with very many samples, it can rank
/// models in the wrong order, and a set of k-means centroids beats real models on it. Compare models
/// with it only beside other figures (MMD, Fréchet distance).</para>
/// </summary>
public sealed class ParzenEstimator(ParzenEstimator.Settings settings) : IEstimator
{
    /// <summary>Samples, validation size and the σ grid.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>Model samples the window is centred on.</summary>
        [Description("Model samples the Gaussian window is centred on (10000 in the GAN paper)")]
        [Range(1, 1_000_000)]
        public int Samples { get; init; } = 10_000;

        /// <summary>Training samples held out to choose σ.</summary>
        [Description("Samples drawn from the training split to choose sigma")]
        [Range(1, 1_000_000)]
        public int Validation { get; init; } = 1000;

        /// <summary>Score at most this many samples of the split (0 = all).</summary>
        [Description("Score at most N samples of the split, chosen at random (0 = all)")]
        [Range(0, int.MaxValue)]
        public int Limit { get; init; }

        /// <summary>Smallest σ tried.</summary>
        [Description("Smallest bandwidth sigma tried")]
        [Range(1e-9, 1e9)]
        public double SigmaMin { get; init; } = 0.01;

        /// <summary>Largest σ tried.</summary>
        [Description("Largest bandwidth sigma tried")]
        [Range(1e-9, 1e9)]
        public double SigmaMax { get; init; } = 1.0;

        /// <summary>Number of σ values, log-spaced.</summary>
        [Description("Number of sigma values tried, log-spaced from sigma-min to sigma-max")]
        [Range(1, 1000)]
        public int SigmaSteps { get; init; } = 21;

        /// <summary>The σ grid.</summary>
        public double[] Grid() => ParzenWindow.LogSpaced(SigmaMin, SigmaMax, SigmaSteps);

        /// <inheritdoc />
        protected override void ValidateRelations()
        {
            if (SigmaMax < SigmaMin) throw new InvalidOptionException(nameof(SigmaMax), SigmaMax, $">= sigma-min ({SigmaMin})");
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var data = context.Data;
        if (data.Count == 0) throw new EstimatorException($"'parzen': '{data.Name}' has no samples.");
        var train = context.RequireTrain("parzen");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var centres = EstimatorSamples.Flat64(EstimatorSamples.FromModel((IGenerator)model, settings.Samples, context.Generator));
        var validation = EstimatorSamples.Flat64(EstimatorSamples.RandomPart(train, settings.Validation, context.Generator));
        var (sigma, _) = ParzenWindow.SelectBandwidth(validation, centres, settings.Grid());
        long count = settings.Limit == 0 ? data.Count : Math.Min(settings.Limit, data.Count);
        var scored = EstimatorSamples.Flat64(EstimatorSamples.RandomPart(data, count, context.Generator));
        var logDensities = ParzenWindow.LogDensities(scored, centres, sigma);
        var (mean, standardError) = SampleMean.Of(logDensities);
        return [.. DensityUnits.Figures("parzen.", mean, centres.shape[1], MetricKind.Estimate, standardError),
            new MetricValue("parzen.sigma", sigma, MetricKind.Proxy)];
    }
}
