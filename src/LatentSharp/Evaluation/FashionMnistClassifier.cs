using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Models.Supervised;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// The small Fashion-MNIST classifier that ships inside the library (<c>Evaluation/Embedded/</c>): a
/// <c>classifier</c> model 784-256-64-10 with ReLU, trained by <c>tools/train-feature-classifier.sh</c>
/// (seed, accuracy and command in <c>Evaluation/Embedded/README.md</c>). Its 64 penultimate-layer
/// features are the feature space of the <c>frechet</c> estimator; its predicted classes feed the
/// <c>classes</c> estimator and the mode-collapse check. It reads 28×28 images with values in [0, 1]
/// (<see cref="SampleShape"/>), nothing else.
/// </summary>
public static class FashionMnistClassifier
{
    /// <summary>Name of the embedded weights (a LatentSharp model file).</summary>
    public const string ResourceName = "LatentSharp.Evaluation.Embedded.fashion-mnist-classifier.safetensors";

    /// <summary>Number of classes (Fashion-MNIST's ten).</summary>
    public const int Classes = 10;

    /// <summary>The one sample shape it reads: <c>[1, 28, 28]</c>, values in [0, 1].</summary>
    public static IReadOnlyList<long> SampleShape { get; } = [1, 28, 28];

    static readonly Lazy<Classifier> Shared = new(() => Load(), LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly Lock Gate = new();

    /// <summary>A fresh copy of the embedded classifier on <paramref name="device"/> (the caller disposes it).</summary>
    public static Classifier Load(Device? device = null)
    {
        using var stream = typeof(FashionMnistClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; the build is broken.");
        return (Classifier)ModelFile.Load(stream, $"embedded {ResourceName}", device);
    }

    /// <summary>
    /// Whether samples of <paramref name="shape"/> are 28×28 images: <c>[1, 28, 28]</c>, <c>[28, 28]</c> or <c>[784]</c>.
    /// </summary>
    public static bool Fits(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.SequenceEqual(SampleShape) || shape.SequenceEqual([28L, 28]) || shape.SequenceEqual([784L]);
    }

    /// <summary>Refuses samples of another shape, naming <paramref name="user"/> and <paramref name="what"/> they are.</summary>
    /// <exception cref="EstimatorException">The shape is not 28×28.</exception>
    public static void RequireShape(IReadOnlyList<long> shape, string user, string what)
    {
        if (!Fits(shape))
            throw new EstimatorException($"'{user}' reads 28x28 images in [0, 1] (the embedded Fashion-MNIST classifier's input: [1, 28, 28], [28, 28] or [784]); {what} [{string.Join(", ", shape)}].");
    }

    /// <summary>Refuses <paramref name="data"/> unless its samples are 28×28 with every value in [0, 1].</summary>
    /// <exception cref="EstimatorException">Another shape, or values outside [0, 1].</exception>
    public static void RequireData(IBatchSource data, string user)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireShape(data.SampleShape, user, $"'{data.Name}' has samples of shape");
        var (minimum, maximum) = Training.DataChecks.Range(data);
        if (minimum < 0 || maximum > 1)
            throw new EstimatorException($"'{user}' reads images with values in [0, 1] (the embedded Fashion-MNIST classifier's input); '{data.Name}' has values in [{minimum:G4}, {maximum:G4}].");
    }

    /// <summary>
    /// Penultimate-layer features <c>[B, 64]</c> (float32, CPU) of 28×28 images <c>[B, ...]</c>; values
    /// outside [0, 1] are clipped first (a generator's sample is an image: pixels saturate).
    /// </summary>
    public static Tensor Features(Tensor images) => Apply(images, (model, x) => model.Encode(x));

    /// <summary>Predicted classes <c>[B]</c> (int64, CPU) of 28×28 images <c>[B, ...]</c>, clipped to [0, 1] as in <see cref="Features"/>.</summary>
    public static Tensor Predict(Tensor images) => Apply(images, (model, x) => model.Predict(x));

    static Tensor Apply(Tensor images, Func<Classifier, Tensor, Tensor> function)
    {
        ArgumentNullException.ThrowIfNull(images);
        RequireShape(images.shape.Skip(1).ToArray(), "the Fashion-MNIST classifier", "these images have shape");
        using var scope = NewDisposeScope();
        var x = images.detach().cpu().to(ScalarType.Float32).reshape([images.shape[0], .. SampleShape]).clamp(0, 1);
        // One shared instance: evaluation switches its mode, so concurrent callers take turns.
        lock (Gate) return function(Shared.Value, x).MoveToOuterDisposeScope();
    }
}
