using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>classes</c>: how the model's samples spread over the ten Fashion-MNIST classes, as predicted by the
/// embedded classifier (<see cref="FashionMnistClassifier"/>) for <c>samples</c> samples — a mode-collapse
/// figure (<see cref="ClassCoverage"/>). Figures: <c>classes.covered</c> (classes holding at least
/// <c>min-share</c> of the samples; proxy), <c>classes.entropy</c> (nats, ln 10 ≈ 2.303 when uniform; estimate
/// with its delta-method standard error) and <c>classes.largest_share</c> (proxy). Real test images give
/// about 10 classes and an entropy near ln 10; a collapsed generator few classes and a low entropy.
/// Only the model is read (not the split); it must make 28×28 images.
/// </summary>
public sealed class ClassesEstimator(ClassesEstimator.Settings settings) : IEstimator
{
    /// <summary>Sample count and the share that counts a class as covered.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>Model samples classified.</summary>
        [Description("Model samples classified")]
        [Range(1, 1_000_000)]
        public int Samples { get; init; } = 10_000;

        /// <summary>Share of the samples a class needs to count as covered.</summary>
        [Description("Share of the samples a class needs to count as covered")]
        [Range(0.0, 1.0)]
        public double MinShare { get; init; } = 0.01;
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        FashionMnistClassifier.RequireShape(model.InputShape, "classes", $"'{model.Name}' makes samples of shape");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var predictions = FashionMnistClassifier.Predict(EstimatorSamples.FromModel((IGenerator)model, settings.Samples, context.Generator));
        var coverage = ClassCoverage.Of(predictions, FashionMnistClassifier.Classes, settings.MinShare);
        return
        [
            new MetricValue("classes.covered", coverage.Covered, MetricKind.Proxy, Unit: "classes"),
            new MetricValue("classes.entropy", coverage.Entropy, MetricKind.Estimate, coverage.EntropyStandardError, "nats"),
            new MetricValue("classes.largest_share", coverage.LargestShare, MetricKind.Proxy, Unit: "fraction"),
        ];
    }
}
