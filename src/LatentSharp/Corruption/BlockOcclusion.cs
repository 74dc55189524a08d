using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Structured occlusion: a random square of side s in each image is set to 0 (every channel), as
/// when part of an object is hidden. Images are <c>[B, C, H, W]</c>, <c>[B, H, W]</c> or flat
/// <c>[B, D]</c> with D a perfect square.
/// </summary>
public sealed class BlockOcclusion : ICorruption
{
    /// <summary>Creates the corruption with square side <paramref name="size"/> ≥ 1 pixels.</summary>
    public BlockOcclusion(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The block size of blocks must be >= 1 pixel.");
        Size = size;
    }

    /// <summary>Side of the occluded square in pixels.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public string Spec => FormattableString.Invariant($"blocks:{Size}");

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (height, width) = ImageSize(input);
        long batch = input.shape[0];
        long side = Math.Min(Size, Math.Min(height, width));
        // Top-left corners uniform over the positions where the whole block fits.
        var top = (rand(batch, generator: generator, device: input.device) * (height - side + 1)).floor().to(ScalarType.Int64);
        var left = (rand(batch, generator: generator, device: input.device) * (width - side + 1)).floor().to(ScalarType.Int64);
        var rows = arange(height, device: input.device).view(1, height, 1);
        var cols = arange(width, device: input.device).view(1, 1, width);
        var inRows = (rows >= top.view(batch, 1, 1)).logical_and(rows < (top + side).view(batch, 1, 1));
        var inCols = (cols >= left.view(batch, 1, 1)).logical_and(cols < (left + side).view(batch, 1, 1));
        var keep = inRows.logical_and(inCols).logical_not().to(input.dtype);   // [B, H, W]
        var shaped = input.dim() == 4 ? keep.unsqueeze(1) : keep;
        return (input.reshape(shaped.dim() == 4 ? [batch, -1, height, width] : [batch, height, width]) * shaped)
            .reshape(input.shape).MoveToOuterDisposeScope();
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
        throw new ArgumentException($"blocks needs image batches [B, C, H, W], [B, H, W] or [B, D] with square D; got [{string.Join(", ", input.shape)}].", nameof(input));
    }
}
