using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>w1</c>: the Wasserstein-1 distance between the model's samples and the evaluated split, estimated by a
/// weight-clipped critic (<see cref="WassersteinCritic"/>, Arjovsky et al. 2017). Figures: <c>w1.distance</c>
/// (calibrated by the critic's largest held-out slope, in the data's units; an estimate with its standard
/// error over held-out batches), <c>w1.critic</c> (the raw critic difference, whose scale depends on the clip;
/// a proxy) and <c>w1.lipschitz</c> (the measured slope; a proxy). Uses up to <c>samples</c> data samples
/// (a random subset) and as many model samples.
/// </summary>
public sealed class WassersteinEstimator(WassersteinEstimator.Settings settings) : IEstimator
{
    /// <summary>The critic's settings and how many samples to compare.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>Samples of each set (data: a random subset of at most this many).</summary>
        [Description("Samples of data and of the model to compare")]
        [Range(8, 1_000_000)]
        public int Samples { get; init; } = 2000;

        /// <summary>Critic weight clip c.</summary>
        [Description("Critic weight clip c")]
        [Range(1e-6, 10.0)]
        public double Clip { get; init; } = 0.01;

        /// <summary>Critic training steps.</summary>
        [Description("Critic training steps")]
        [Range(1, 1_000_000)]
        public int Steps { get; init; } = 1000;
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var data = context.Data;
        if (data.Count < 8) throw new EstimatorException($"'w1' needs at least 8 samples; '{data.Name}' has {data.Count}.");
        using var scope = NewDisposeScope();
        long count = Math.Min(settings.Samples, data.Count);
        var pick = randperm(data.Count, generator: context.Generator).narrow(0, 0, count);
        var real = data.ReadBatch(pick, CPU).Features;
        var samples = ((IGenerator)model).Sample(count, context.Generator).cpu();
        var options = new WassersteinCriticOptions { Clip = settings.Clip, Steps = settings.Steps };
        var estimate = WassersteinCritic.Estimate(samples, real, options, context.Generator);
        return
        [
            new MetricValue("w1.distance", estimate.Distance, MetricKind.Estimate, estimate.StandardError),
            new MetricValue("w1.critic", estimate.Raw, MetricKind.Proxy),
            new MetricValue("w1.lipschitz", estimate.Lipschitz, MetricKind.Proxy),
        ];
    }
}
