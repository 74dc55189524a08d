using LatentSharp.Options;

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
}
