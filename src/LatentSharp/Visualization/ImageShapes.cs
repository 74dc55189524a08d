namespace LatentSharp.Visualization;

/// <summary>Which sample shapes can be drawn as images, and as what <c>[C, H, W]</c>.</summary>
public static class ImageShapes
{
    /// <summary>
    /// Image shape of a sample: <c>[C, H, W]</c> as is when C is 1 (grey) or 3 (RGB), <c>[H, W]</c> as one channel, <c>[D]</c> as a
    /// square when D is a perfect square; null when the sample is not an image (e.g. 2-D points).
    /// </summary>
    public static long[]? Of(long[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        return sampleShape.Length switch
        {
            3 when sampleShape[0] is 1 or 3 => sampleShape,
            2 => [1, sampleShape[0], sampleShape[1]],
            1 when sampleShape[0] > 1 && Math.Sqrt(sampleShape[0]) % 1 == 0 => [1, (long)Math.Sqrt(sampleShape[0]), (long)Math.Sqrt(sampleShape[0])],
            _ => null,
        };
    }
}
