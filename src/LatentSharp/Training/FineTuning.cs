using LatentSharp.Models;
using LatentSharp.Models.Supervised;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// Fine-tuning's entry point: a supervised classifier (dense encoder plus softmax head) built to
/// the shape of a pretrained <see cref="IDenseEncoder"/>'s layers and, unless it is the from-scratch
/// baseline, starting from their weights. Callers need not know the classifier's type.
/// </summary>
public static class FineTuning
{
    /// <summary>The catalogue name of the classifier a fine-tuning trains.</summary>
    public const string ClassifierModel = "classifier";

    /// <summary>Key of the classifier's accuracy metric (<c>test.accuracy</c> in a run's figures).</summary>
    public const string AccuracyKey = Classifier.AccuracyKey;

    /// <summary>
    /// Options of a classifier whose hidden layers match <paramref name="encoder"/> (sizes and
    /// activations) with a softmax head over <paramref name="classes"/> classes, trained at <paramref name="learningRate"/>.
    /// </summary>
    public static GradientModelOptions ClassifierOptionsFor(IReadOnlyList<DenseLayer> encoder, int classes, double learningRate) =>
        ClassifierOptions.ForEncoder(encoder, classes) with { LearningRate = learningRate };

    /// <summary>
    /// Builds the classifier from <paramref name="options"/> (from <see cref="ClassifierOptionsFor"/> or a
    /// saved run) with weights from <paramref name="seed"/>, then copies <paramref name="startFrom"/>'s
    /// weights into its encoder when given (null: random weights, the baseline or a resume).
    /// </summary>
    /// <exception cref="ArgumentException">The options are not a classifier's, or the layers do not fit them.</exception>
    public static ITrainable CreateClassifier(ModelOptions options, long[] sampleShape, Device device, long seed, IReadOnlyList<DenseLayer>? startFrom = null)
    {
        var classifier = (Classifier)ModelCatalog.Create(ClassifierModel, options, sampleShape, device, seed);
        try
        {
            if (startFrom is not null) classifier.CopyEncoderFrom(startFrom);
            return classifier;
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }
}
