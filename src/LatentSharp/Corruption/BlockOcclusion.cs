using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Structured occlusion: one random square of side s in each image is set to 0 in every channel,
/// as when part of an object is hidden. The square lies wholly inside the image, its top-left
/// corner uniform over the positions where it fits. Images are <c>[B, C, H, W]</c>,
/// <c>[B, H, W]</c> or flat <c>[B, D]</c> with D a perfect square (one channel).
/// </summary>
public sealed class BlockOcclusion : ICorruption
{
    /// <summary>Creates the corruption with square side <paramref name="size"/> ≥ 1 pixels.</summary>
    public BlockOcclusion(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The level of blocks (the square's side) must be a whole number of pixels >= 1.");
        Size = size;
    }

    /// <summary>Side of the occluded square in pixels.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"blocks:{Size}");

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not an image batch, or the square is larger than the images.</exception>
    public Tensor Apply(Tensor input, Generator generator)
    {
        var (height, width) = ImageSize(input);
        if (Size > height || Size > width)
            throw new ArgumentException($"{Spec}: a {Size}×{Size} square does not fit in {height}×{width} images.", nameof(input));
        using var scope = NewDisposeScope();
        long batch = input.shape[0];
        var top = randint(0, height - Size + 1, [batch], dtype: ScalarType.Int64, device: input.device, generator: generator);
        var left = randint(0, width - Size + 1, [batch], dtype: ScalarType.Int64, device: input.device, generator: generator);
        var rows = arange(height, device: input.device).view(1, height, 1);
        var cols = arange(width, device: input.device).view(1, 1, width);
        var inRows = (rows >= top.view(batch, 1, 1)).logical_and(rows < (top + Size).view(batch, 1, 1));
        var inCols = (cols >= left.view(batch, 1, 1)).logical_and(cols < (left + Size).view(batch, 1, 1));
        var keep = inRows.logical_and(inCols).logical_not().to(input.dtype).view(batch, 1, height, width);
        // View every layout as [B, C, H, W] (C = 1 for [B, H, W] and [B, D]); the mask broadcasts over channels.
        var images = input.reshape(batch, -1, height, width);
        return (images * keep).reshape(input.shape).MoveToOuterDisposeScope();
    }

    static (long Height, long Width) ImageSize(Tensor input)
    {
        switch (input.dim())
        {
            case 4: return (input.shape[2], input.shape[3]);
            case 3: return (input.shape[1], input.shape[2]);
            case 2:
                long side = (long)Math.Round(Math.Sqrt(input.shape[1]));
                if (side * side == input.shape[1]) return (side, side);
                break;
        }
        throw new ArgumentException($"blocks needs image batches [B, C, H, W], [B, H, W] or [B, D] with D a perfect square; got [{string.Join(", ", input.shape)}].", nameof(input));
    }
}
