using LatentSharp.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Evaluation;

/// <summary>
/// A linear probe: L2-regularised multinomial logistic regression on fixed features (e.g. an
/// encoder's codes), the standard measure of how linearly separable a representation makes the
/// classes. Fitted by Adam over seeded minibatches with a linearly decaying step, from zero
/// weights, so the same inputs and options give the same probe.
/// </summary>
public sealed class LinearProbe : IDisposable
{
    readonly Tensor _weight, _bias, _mean, _scale;

    LinearProbe(Tensor weight, Tensor bias, Tensor mean, Tensor scale)
    {
        (_weight, _bias, _mean, _scale) = (weight, bias, mean, scale);
    }

    /// <summary>Number of classes.</summary>
    public long Classes => _weight.shape[0];

    /// <summary>Number of input features.</summary>
    public long Features => _weight.shape[1];

    /// <summary>
    /// Fits a probe on <paramref name="features"/> <c>[N, D]</c> (float) with integer
    /// <paramref name="labels"/> <c>[N]</c> in [0, <paramref name="classes"/>). Runs on the features' device.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree, a label is out of range, or there are no samples.</exception>
    public static LinearProbe Fit(Tensor features, Tensor labels, int classes, LinearProbeOptions? options = null)
    {
        options ??= new LinearProbeOptions();
        using var generator = new Generator((ulong)options.Seed);
        return Fit(features, labels, classes, options, generator);
    }

    /// <summary>
    /// Fits a probe as <see cref="Fit(Tensor, Tensor, int, LinearProbeOptions?)"/> does, drawing the
    /// minibatch order from <paramref name="generator"/> instead of <see cref="LinearProbeOptions.Seed"/>
    /// (a generator seeded with that seed gives the same probe).
    /// </summary>
    public static LinearProbe Fit(Tensor features, Tensor labels, int classes, LinearProbeOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        options.Validate();
        CheckInputs(features, labels, classes);
        using var scope = NewDisposeScope();
        var x = features.to(ScalarType.Float32).detach();
        var y = labels.to(ScalarType.Int64).to(x.device);
        long n = x.shape[0], d = x.shape[1];
        Tensor mean, scale;
        if (options.Standardize)
        {
            mean = x.mean([0]);
            scale = x.std(0, unbiased: false).clamp_min(1e-6).reciprocal();
        }
        else
        {
            mean = zeros(d, device: x.device);
            scale = ones(d, device: x.device);
        }
        var z = (x - mean) * scale;
        var weight = new TorchSharp.Modules.Parameter(zeros(classes, d, device: x.device));
        var bias = new TorchSharp.Modules.Parameter(zeros(classes, device: x.device));
        using var adam = new Training.Optimizers.Adam([("weight", weight), ("bias", bias)], options.LearningRate);
        long batches = (n + options.BatchSize - 1) / options.BatchSize, total = batches * options.Epochs, step = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var order = randperm(n, generator: generator, device: CPU).to(x.device);
            for (long start = 0; start < n; start += options.BatchSize)
            {
                using var batchScope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(options.BatchSize, n - start));
                var logits = z.index_select(0, index).matmul(weight.t()) + bias;
                var loss = cross_entropy(logits, y.index_select(0, index)) + 0.5 * options.L2 * weight.square().sum();
                adam.LearningRate = options.LearningRate * (1 - (double)step++ / total);
                adam.ZeroGrad();
                loss.backward();
                adam.Step();
            }
        }
        return new LinearProbe(weight.detach().clone().MoveToOuterDisposeScope(), bias.detach().clone().MoveToOuterDisposeScope(),
            mean.MoveToOuterDisposeScope(), scale.MoveToOuterDisposeScope());
    }

    /// <summary>Class scores <c>[N, Classes]</c> for <paramref name="features"/> <c>[N, D]</c>.</summary>
    public Tensor Logits(Tensor features)
    {
        if (features.dim() != 2 || features.shape[1] != Features)
            throw new ArgumentException($"Features must be [N, {Features}]; got [{string.Join(", ", features.shape)}].", nameof(features));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = features.to(ScalarType.Float32).to(_weight.device);
        return (((x - _mean) * _scale).matmul(_weight.t()) + _bias).MoveToOuterDisposeScope();
    }

    /// <summary>Predicted classes <c>[N]</c>, int64.</summary>
    public Tensor Predict(Tensor features)
    {
        using var logits = Logits(features);
        return logits.argmax(1);
    }

    /// <summary>Fraction of <paramref name="features"/> whose predicted class is the label.</summary>
    public double Accuracy(Tensor features, Tensor labels)
    {
        using var predicted = Predict(features);
        return Classification.Accuracy(predicted, labels);
    }

    internal static void CheckInputs(Tensor features, Tensor labels, long classes)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.dim() != 2 || features.shape[0] == 0)
            throw new ArgumentException($"Features must be [N, D] with N ≥ 1; got [{string.Join(", ", features.shape)}].", nameof(features));
        if (labels.dim() != 1 || labels.shape[0] != features.shape[0] || labels.is_floating_point())
            throw new ArgumentException($"Labels must be integers [{features.shape[0]}]; got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least 2 classes are needed.");
        using var scope = NewDisposeScope();
        var (min, max) = labels.aminmax();
        if (min.item<long>() < 0 || max.item<long>() >= classes)
            throw new ArgumentException($"Labels must be in [0, {classes}); found {min.item<long>()}..{max.item<long>()}.", nameof(labels));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weight.Dispose();
        _bias.Dispose();
        _mean.Dispose();
        _scale.Dispose();
    }
}
