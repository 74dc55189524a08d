using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// The uniform distribution on the box [low, high]^D: log p(z) = −D·log(high − low) inside, −∞ outside.
/// Spec <c>uniform:low,high</c>. Its support is bounded (<see cref="HasFullSupport"/> is false).
/// </summary>
public sealed class UniformPrior : IDensityPrior
{
    /// <summary>The box [<paramref name="low"/>, <paramref name="high"/>]^D, low &lt; high.</summary>
    public UniformPrior(int dimensions, double low, double high)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (!(low < high) || double.IsInfinity(low) || double.IsInfinity(high))
            throw new ArgumentException($"A uniform prior needs finite low < high; got [{low}, {high}].", nameof(low));
        Dimensions = dimensions;
        Low = low;
        High = high;
    }

    /// <summary>Lower edge of every coordinate.</summary>
    public double Low { get; }

    /// <summary>Upper edge of every coordinate.</summary>
    public double High { get; }

    /// <inheritdoc />
    public string Spec => $"uniform:{Options.Schedule.Format(Low)},{Options.Schedule.Format(High)}";

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public bool HasFullSupport => false;

    /// <inheritdoc />
    public Tensor Sample(long count, Generator? generator, Device? device = null) =>
        LatentPriors.OnDevice(rand([count, Dimensions], generator: generator, device: LatentPriors.DeviceOf(generator)).mul(High - Low).add(Low), device);

    /// <inheritdoc />
    public Tensor LogDensity(Tensor codes)
    {
        using var scope = NewDisposeScope();
        var inside = codes.ge(Low).logical_and(codes.le(High)).all(1);
        var value = full([codes.shape[0]], -Dimensions * Math.Log(High - Low), dtype: codes.dtype, device: codes.device);
        return value.masked_fill(inside.logical_not(), double.NegativeInfinity).MoveToOuterDisposeScope();
    }
}
