using static TorchSharp.torch;

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

    /// <summary>
    /// The integer up-scaling that draws an image of <paramref name="imageShape"/> <c>[C, H, W]</c> about
    /// <paramref name="targetPixels"/> pixels on its longer side, in [2, 16]: a 28×28 image at 84 gets 3,
    /// an 8×8 patch 11 (88 px), so small patches are big enough to see.
    /// </summary>
    public static int ReadableScale(long[] imageShape, int targetPixels)
    {
        ArgumentNullException.ThrowIfNull(imageShape);
        var side = Math.Max(imageShape[^1], imageShape[^2]);
        return (int)Math.Clamp((targetPixels + side / 2) / Math.Max(side, 1), 2, 16);
    }

    /// <summary>
    /// How to map <paramref name="images"/> to gray levels: <see cref="ImageNormalization.Clamp"/> when every
    /// finite value lies in [0, 1] (pixels, probabilities), else <see cref="ImageNormalization.PerImageMinMax"/>
    /// (centred or whitened data, whose values would otherwise clip to black and white).
    /// </summary>
    public static ImageNormalization NormalizationFor(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var finite = images.detach().masked_select(images.detach().isfinite());
        if (finite.numel() == 0) return ImageNormalization.Clamp;
        const double slack = 1e-6; // float rounding of a sigmoid or an average of pixels
        return finite.min().item<float>() >= -slack && finite.max().item<float>() <= 1 + slack
            ? ImageNormalization.Clamp
            : ImageNormalization.PerImageMinMax;
    }
}
