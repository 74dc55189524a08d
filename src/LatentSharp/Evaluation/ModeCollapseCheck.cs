using System.Runtime.CompilerServices;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// The end-of-epoch mode-collapse check (condition <c>mode-collapse</c>) for generators of 28×28 images:
/// the embedded Fashion-MNIST classifier (<see cref="FashionMnistClassifier"/>) predicts the classes of
/// <paramref name="samples"/> samples and of as many training images, and the check warns when the
/// samples cover fewer than <paramref name="fraction"/> of the classes the training images cover (a
/// class counts when it holds at least <paramref name="minimumShare"/> of its set). Comparing with the
/// training data keeps the check fair on 28×28 data that is not Fashion-MNIST, where even real images
/// fall into few of the classifier's classes. Models that draw no samples, or draw samples of another
/// shape, are not checked.
/// </summary>
/// <param name="samples">Samples classified per epoch.</param>
/// <param name="fraction">Warn below this fraction of the training data's covered classes.</param>
/// <param name="minimumShare">Share a class needs to count as covered.</param>
public sealed class ModeCollapseCheck(int samples = 1000, double fraction = 0.5, double minimumShare = 0.01) : IEpochCheck
{
    /// <summary>The condition's name.</summary>
    public const string Condition = "mode-collapse";

    // The training data's coverage, computed once per data source.
    readonly ConditionalWeakTable<IBatchSource, ClassCoverage> _dataCoverage = new();

    /// <inheritdoc />
    public IReadOnlyList<TrainingCondition> Check(ITrainable model, EpochRecord record, IBatchSource train, Generator generator)
    {
        if (model is not IGenerator sampler || !FashionMnistClassifier.Fits(model.InputShape) || !FashionMnistClassifier.Fits(train.SampleShape)) return [];
        using var noGrad = no_grad();
        var reference = _dataCoverage.GetValue(train, ReferenceCoverage);
        var coverage = Coverage(sampler.Sample(samples, generator));
        int needed = (int)Math.Ceiling(fraction * reference.Covered);
        if (coverage.Covered >= needed) return [];
        return
        [
            new TrainingCondition(Condition,
                $"mode collapse: {samples} samples fall in {coverage.Covered} of the {reference.Covered} Fashion-MNIST classes the training images cover " +
                $"(largest class {coverage.LargestShare:P0}; entropy {coverage.Entropy:F2} nats, the training images' {reference.Entropy:F2}), by the embedded classifier"),
        ];
    }

    // Its own fixed stream: whether the reference was computed in this process (a resumed run computes it
    // again) must not change what the epoch's samples are.
    ClassCoverage ReferenceCoverage(IBatchSource data)
    {
        using var generator = new Generator(1);
        using var scope = NewDisposeScope();
        return Coverage(Estimators.EstimatorSamples.RandomPart(data, samples, generator));
    }

    ClassCoverage Coverage(Tensor images)
    {
        using var scope = NewDisposeScope();
        return ClassCoverage.Of(FashionMnistClassifier.Predict(images), FashionMnistClassifier.Classes, minimumShare);
    }
}
