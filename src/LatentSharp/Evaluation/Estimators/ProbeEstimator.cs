using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>probe</c>: fits a <see cref="LinearProbe"/> on the training split's codes and reports
/// <c>probe.accuracy</c>, the fraction of the evaluated split it classifies correctly (exact: counted
/// on the whole split). The minibatch order comes from the estimator's generator.
/// </summary>
public sealed class ProbeEstimator(ProbeEstimator.Settings settings) : IEstimator
{
    /// <summary>How the probe is fitted (see <see cref="LinearProbeOptions"/>).</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>L2 penalty λ on the weights.</summary>
        [Description("L2 penalty lambda on the weights")]
        [Range(0.0, 1e3)]
        public double L2 { get; init; } = 1e-4;

        /// <summary>Passes over the training codes.</summary>
        [Description("Passes over the training codes")]
        [Range(1, 100_000)]
        public int Epochs { get; init; } = 30;

        /// <summary>Minibatch size.</summary>
        [Description("Minibatch size")]
        [Range(1, 1_000_000)]
        public int BatchSize { get; init; } = 256;

        /// <summary>Initial Adam step size, decaying linearly to 0.</summary>
        [Description("Initial Adam step size (decays linearly to 0)")]
        [Range(0.0, 10.0, MinimumIsExclusive = true)]
        public double LearningRate { get; init; } = 1e-2;

        /// <summary>Standardise each code unit with the training mean and standard deviation first.</summary>
        [Description("Standardise codes with the training mean and standard deviation")]
        public bool Standardize { get; init; } = true;

        /// <summary>The probe's fitting options.</summary>
        public LinearProbeOptions ProbeOptions() =>
            new() { L2 = L2, Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, Standardize = Standardize };
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var encoder = (IEncoder)model;
        using var train = EncodedSplit.Of(encoder, context.RequireTrain("probe"), "probe", context.BatchSize);
        using var test = EncodedSplit.Of(encoder, context.Data, "probe", context.BatchSize);
        int classes = Classification.ClassCount(train.Labels, test.Labels);
        using var probe = LinearProbe.Fit(train.Codes, train.Labels, classes, settings.ProbeOptions(), context.Generator);
        return [new MetricValue("probe.accuracy", probe.Accuracy(test.Codes, test.Labels), MetricKind.Exact, Unit: "fraction")];
    }
}
