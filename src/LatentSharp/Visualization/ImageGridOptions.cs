using System.ComponentModel;

namespace LatentSharp.Visualization;

/// <summary>Layout and value mapping of an <see cref="ImageGrid"/>.</summary>
public sealed record ImageGridOptions
{
    /// <summary>Images per line; a row with more images wraps onto further lines. In [1, 1000].</summary>
    [Description("Images per line; longer rows wrap.")]
    public int Columns { get; init; } = 10;

    /// <summary>Integer up-scaling of every image (nearest neighbour); 2 makes a 28×28 image 56×56 px. In [1, 64].</summary>
    [Description("Integer up-scaling factor of each image.")]
    public int Scale { get; init; } = 2;

    /// <summary>Pixels between neighbouring images and around the grid. In [0, 16].</summary>
    [Description("Gap in pixels between images.")]
    public int Gap { get; init; } = 2;

    /// <summary>How values become gray levels: clamp to [0, 1], or min-max per image for signed data.</summary>
    [Description("Clamp to [0,1], or min-max normalise each image.")]
    public ImageNormalization Normalize { get; init; } = ImageNormalization.Clamp;

    /// <summary>Optional title drawn above the grid.</summary>
    [Description("Title drawn above the grid.")]
    public string? Title { get; init; }

    /// <summary>
    /// Optional text under each image, one per image in order (e.g. a k-means cluster's number and
    /// size); drawn centred under the image column, in a font shrunk to fit the image's width.
    /// Its count must equal the number of images (of the longest row).
    /// </summary>
    [Description("Text drawn under each image.")]
    public IReadOnlyList<string>? Captions { get; init; }

    /// <summary>
    /// Shape <c>[C, H, W]</c> of one image when the input is flat, <c>[N, D]</c> with <c>D = C·H·W</c>;
    /// C is 1 (grayscale) or 3 (RGB). When null, a perfect-square D is read as a square grayscale image.
    /// </summary>
    [Description("Image shape [C, H, W] for flat [N, D] input.")]
    public long[]? ImageShape { get; init; }

    /// <summary>Checks every field; throws naming the bad one and the allowed values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    /// <exception cref="ArgumentException"><see cref="ImageShape"/> is malformed.</exception>
    public void Validate()
    {
        if (Columns is < 1 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(Columns), Columns, "Columns must be in [1, 1000].");
        if (Scale is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be in [1, 64].");
        if (Gap is < 0 or > 16)
            throw new ArgumentOutOfRangeException(nameof(Gap), Gap, "Gap must be in [0, 16] pixels.");
        if (!Enum.IsDefined(Normalize))
            throw new ArgumentOutOfRangeException(nameof(Normalize), Normalize, $"Normalize must be one of: {string.Join(", ", Enum.GetNames<ImageNormalization>())}.");
        if (Captions is { } captions && captions.Any(c => c is null))
            throw new ArgumentException("Captions must not contain null; use an empty string for an image without one.", nameof(Captions));
        if (ImageShape is { } shape)
        {
            if (shape.Length != 3 || shape[0] is not (1 or 3) || shape[1] < 1 || shape[2] < 1)
                throw new ArgumentException($"ImageShape must be [C, H, W] with C = 1 or 3 and H, W ≥ 1; got [{string.Join(", ", shape)}].", nameof(ImageShape));
        }
    }
}
