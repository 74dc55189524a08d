using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>The argument checks every model constructor shares.</summary>
public static class ModelArguments
{
    /// <summary>
    /// Validates <paramref name="options"/> and <paramref name="inputShape"/> (non-empty, positive
    /// sizes) and returns a copy of the shape the model can own.
    /// </summary>
    public static long[] Check(ModelOptions options, long[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        options.Validate();
        if (inputShape.Length == 0 || inputShape.Any(d => d < 1))
            throw new ArgumentException($"Input shape must be non-empty with positive sizes; got [{string.Join(", ", inputShape)}].", nameof(inputShape));
        return inputShape.ToArray();
    }

    /// <summary>
    /// Samples <c>[B, ...]</c> as <c>[B, features]</c> in <paramref name="dtype"/> on <paramref name="device"/>;
    /// refuses samples of another size with a message naming the model's input shape.
    /// </summary>
    public static Tensor FlattenSamples(Tensor input, string model, long[] inputShape, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(input);
        long features = inputShape.Aggregate(1L, (a, b) => a * b);
        if (input.dim() < 1 || input.shape.Skip(1).Aggregate(1L, (a, b) => a * b) != features)
            throw new ArgumentException(ShapeMismatch(model, inputShape, input.shape), nameof(input));
        return input.reshape(input.shape[0], features).to(dtype).to(device);
    }

    /// <summary>
    /// The message for a batch whose samples do not fit: states the expected and the given sample
    /// shape, then the batch, e.g. <c>got samples of shape [4] (a batch [300, 4])</c>.
    /// </summary>
    public static string ShapeMismatch(string model, long[] inputShape, long[] batchShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(batchShape);
        string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
        var got = batchShape.Length < 2
            ? $"got a tensor of shape {Shape(batchShape)}, which has no sample dimensions (a batch is [B, ...])"
            : $"got samples of shape {Shape(batchShape.Skip(1))} (a batch {Shape(batchShape)})";
        return $"{model} expects samples of shape {Shape(inputShape)}; {got}.";
    }
}
