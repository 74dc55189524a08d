using LatentSharp.IO;
using System.Runtime.InteropServices;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>
/// Renders batches of images to a PNG grid: samples, filters, dictionary atoms, or originals above
/// their reconstructions. Images are up-scaled by an integer factor (nearest neighbour), separated by
/// a small gap, with optional row labels on the left and a title on top. Files are written atomically.
/// </summary>
public static class ImageGrid
{
    private static readonly SKColor Background = SKColors.White;
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private const int TextPadding = 6;
    private const long MaximumPixels = 64L * 1024 * 1024;
    private const int MaximumSide = 32_000;

    /// <summary>Saves <paramref name="images"/> as a plain grid, e.g. samples or learned filters.</summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="images">
    /// Float tensor <c>[N, C, H, W]</c> with C = 1 (grayscale) or 3 (RGB), or <c>[N, D]</c> with the
    /// shape in <see cref="ImageGridOptions.ImageShape"/> (or D a perfect square). Any device.
    /// </param>
    /// <param name="options">Layout and normalisation; defaults when null.</param>
    /// <exception cref="ArgumentException">A shape is wrong or the input is empty; the message names the parameter.</exception>
    public static void Save(string path, Tensor images, ImageGridOptions? options = null)
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(images);
        options = CheckOptions(options);
        var decoded = Decode(images, options, nameof(images), "images");
        Write(fullPath, [(null, decoded)], options, nameof(images));
    }

    /// <summary>
    /// Saves labelled rows of images, one image per column position across rows, e.g. originals above
    /// reconstructions. When a row has more images than <see cref="ImageGridOptions.Columns"/>, every row
    /// wraps together, so for 16 images in 8 columns the lines read: original 1–8, reconstruction 1–8,
    /// original 9–16, reconstruction 9–16; image <c>i</c> of every row stays in the same column.
    /// </summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="rows">
    /// Label (drawn on the left; empty for none) and images of each row, each as in
    /// <see cref="Save"/>. All images must share height and width; rows may mix grayscale and RGB.
    /// </param>
    /// <param name="options">Layout and normalisation; defaults when null.</param>
    /// <exception cref="ArgumentException">A shape is wrong, rows disagree, or the input is empty; the message names the parameter.</exception>
    public static void SaveRows(string path, IReadOnlyList<(string Label, Tensor Images)> rows, ImageGridOptions? options = null)
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("At least one row of images is needed.", nameof(rows));
        options = CheckOptions(options);
        var decoded = new List<(string? Label, DecodedImages Images)>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var (label, images) = rows[r];
            var what = $"row {r} ('{label}')";
            if (images is null)
                throw new ArgumentException($"The images of {what} are null.", nameof(rows));
            var row = Decode(images, options, nameof(rows), what);
            if (decoded.Count > 0 && (row.Height != decoded[0].Images.Height || row.Width != decoded[0].Images.Width))
                throw new ArgumentException(
                    $"All rows must hold images of one size; row 0 has {decoded[0].Images.Height}×{decoded[0].Images.Width} but {what} has {row.Height}×{row.Width}.",
                    nameof(rows));
            decoded.Add((label, row));
        }
        Write(fullPath, decoded, options, nameof(rows));
    }

    private static ImageGridOptions CheckOptions(ImageGridOptions? options)
    {
        options ??= new ImageGridOptions();
        options.Validate();
        return options;
    }

    private static void Write(string fullPath, IReadOnlyList<(string? Label, DecodedImages Images)> rows, ImageGridOptions options, string parameterName)
    {
        var longest = rows.Max(row => row.Images.Count);
        if (options.Captions is { } captions && captions.Count != longest)
            throw new ArgumentException($"Captions has {captions.Count} entries but there are {longest} images; give one caption per image.", parameterName);
        using var font = new SKFont(FontProvider.Typeface) { Edging = SKFontEdging.Antialias, Subpixel = true };
        var layout = ImageGridLayout.Compute(rows, options, font);
        if (layout.Width > MaximumSide || layout.Height > MaximumSide || (long)layout.Width * layout.Height > MaximumPixels)
            throw new ArgumentException(
                $"The grid would be {layout.Width}×{layout.Height} px, too large to render; pass fewer images or a smaller Scale.", parameterName);

        using var bitmap = new SKBitmap(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[layout.Width * layout.Height * 4];
        FillBackground(pixels);
        for (var r = 0; r < rows.Count; r++)
        {
            var images = rows[r].Images;
            for (var i = 0; i < images.Count; i++)
            {
                var (x, y) = layout.CellOrigin(r, i);
                Blit(images, i, options.Scale, pixels, layout.Width, x, y);
            }
        }
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        bitmap.NotifyPixelsChanged();

        using (var canvas = new SKCanvas(bitmap))
        using (var ink = new SKPaint { Color = Ink, IsAntialias = true })
        {
            DrawText(canvas, font, ink, rows, options, layout);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the grid as PNG.");
        AtomicFile.Write(fullPath, png.SaveTo);
    }

    private static void DrawText(SKCanvas canvas, SKFont font, SKPaint ink, IReadOnlyList<(string? Label, DecodedImages Images)> rows, ImageGridOptions options, ImageGridLayout layout)
    {
        if (!string.IsNullOrWhiteSpace(options.Title))
        {
            font.Size = layout.TitleFontSize;
            var baseline = TextPadding - font.Metrics.Ascent;
            canvas.DrawText(options.Title, layout.Width / 2f, baseline, SKTextAlign.Center, font, ink);
        }
        font.Size = layout.LabelFontSize;
        var metrics = font.Metrics;
        for (var r = 0; r < rows.Count; r++)
        {
            var label = rows[r].Label;
            if (string.IsNullOrWhiteSpace(label))
                continue;
            for (var block = 0; block < layout.Blocks; block++)
            {
                if (block * layout.Columns >= rows[r].Images.Count)
                    break; // this row has no images on this line
                var (_, top) = layout.CellOrigin(r, block * layout.Columns);
                var baseline = top + layout.CellHeight / 2f - (metrics.Ascent + metrics.Descent) / 2f;
                canvas.DrawText(label, TextPadding, baseline, SKTextAlign.Left, font, ink);
            }
        }
        if (layout.CaptionHeight > 0 && options.Captions is { } captions)
        {
            font.Size = layout.CaptionFontSize;
            var lastRow = rows.Count - 1;
            for (var i = 0; i < captions.Count; i++)
            {
                var (left, top) = layout.CellOrigin(lastRow, i);
                var baseline = top + layout.CellHeight + 1 - font.Metrics.Ascent;
                canvas.DrawText(captions[i], left + layout.CellWidth / 2f, baseline, SKTextAlign.Center, font, ink);
            }
        }
    }

    private static void FillBackground(byte[] pixels)
    {
        var rgba = new[] { Background.Red, Background.Green, Background.Blue, (byte)255 };
        MemoryMarshal.Cast<byte, uint>(pixels.AsSpan()).Fill(MemoryMarshal.Read<uint>(rgba));
    }

    /// <summary>Copies image <paramref name="index"/>, up-scaled by <paramref name="scale"/>, into the canvas at (x, y).</summary>
    private static void Blit(DecodedImages images, int index, int scale, byte[] canvas, int canvasWidth, int x, int y)
    {
        var source = MemoryMarshal.Cast<byte, uint>(images.Rgba.AsSpan(index * images.Height * images.Width * 4, images.Height * images.Width * 4));
        var target = MemoryMarshal.Cast<byte, uint>(canvas.AsSpan());
        for (var row = 0; row < images.Height; row++)
        {
            var sourceRow = source.Slice(row * images.Width, images.Width);
            var firstLine = target.Slice((y + row * scale) * canvasWidth + x, images.Width * scale);
            for (var column = 0; column < images.Width; column++)
                firstLine.Slice(column * scale, scale).Fill(sourceRow[column]);
            for (var repeat = 1; repeat < scale; repeat++)
                firstLine.CopyTo(target.Slice((y + row * scale + repeat) * canvasWidth + x, images.Width * scale));
        }
    }

    /// <summary>Reads a tensor of images once into RGBA bytes, normalised as the options say.</summary>
    internal static DecodedImages Decode(Tensor images, ImageGridOptions options, string parameterName, string what)
    {
        if (!images.is_floating_point())
            throw new ArgumentException($"The {what} must be a floating-point tensor; got {images.dtype}.", parameterName);
        var shape = images.shape;
        var (channels, height, width) = ImageShapeOf(shape, options, parameterName, what);
        var count = shape[0];
        if (count == 0)
            throw new ArgumentException($"The {what} are empty: [{string.Join(", ", shape)}] has no images.", parameterName);
        var pixelsPerImage = height * width;
        if (count * pixelsPerImage * 4 > Array.MaxLength)
            throw new ArgumentException($"The {what} hold too many pixels to render; pass fewer images.", parameterName);

        float[] values;
        using (NewDisposeScope())
        {
            // One transfer for the whole tensor; everything after this is plain array work.
            var flat = images.detach().cpu().to_type(ScalarType.Float32).contiguous();
            values = flat.data<float>().ToArray();
        }

        var rgba = new byte[count * pixelsPerImage * 4];
        var imageLength = channels * pixelsPerImage;
        for (var i = 0; i < count; i++)
        {
            var image = values.AsSpan((int)(i * imageLength), (int)imageLength);
            var (offset, factor) = options.Normalize == ImageNormalization.PerImageMinMax ? MinMaxMapping(image) : (0f, 1f);
            var output = rgba.AsSpan((int)(i * pixelsPerImage * 4), (int)(pixelsPerImage * 4));
            for (var p = 0; p < pixelsPerImage; p++)
            {
                var red = ToByte((image[p] - offset) * factor);
                var green = channels == 3 ? ToByte((image[(int)(pixelsPerImage + p)] - offset) * factor) : red;
                var blue = channels == 3 ? ToByte((image[(int)(2 * pixelsPerImage + p)] - offset) * factor) : red;
                output[4 * p] = red;
                output[4 * p + 1] = green;
                output[4 * p + 2] = blue;
                output[4 * p + 3] = 255;
            }
        }
        return new DecodedImages((int)count, (int)height, (int)width, rgba);
    }

    private static (long Channels, long Height, long Width) ImageShapeOf(long[] shape, ImageGridOptions options, string parameterName, string what)
    {
        var shown = $"[{string.Join(", ", shape)}]";
        switch (shape.Length)
        {
            case 4:
                if (shape[1] is not (1 or 3))
                    throw new ArgumentException($"The {what} must be [N, C, H, W] with C = 1 (grayscale) or 3 (RGB); got {shown}.", parameterName);
                if (options.ImageShape is { } given && !given.AsSpan().SequenceEqual(shape.AsSpan(1)))
                    throw new ArgumentException(
                        $"The {what} have shape {shown}, which disagrees with ImageShape [{string.Join(", ", given)}]; leave ImageShape null for 4-D input.", parameterName);
                return (shape[1], shape[2], shape[3]);
            case 2:
                var length = shape[1];
                if (options.ImageShape is { } explicitShape)
                {
                    var expected = explicitShape[0] * explicitShape[1] * explicitShape[2];
                    if (expected != length)
                        throw new ArgumentException(
                            $"The {what} are {shown}, but ImageShape [{string.Join(", ", explicitShape)}] needs D = {expected}.", parameterName);
                    return (explicitShape[0], explicitShape[1], explicitShape[2]);
                }
                var side = (long)Math.Round(Math.Sqrt(length));
                if (side * side != length || side == 0)
                    throw new ArgumentException(
                        $"The {what} are flat {shown} and D = {length} is not a perfect square; set ImageGridOptions.ImageShape, e.g. [3, H, W].", parameterName);
                return (1, side, side);
            default:
                throw new ArgumentException($"The {what} must be [N, C, H, W] or [N, D]; got {shown}.", parameterName);
        }
    }

    private static (float Offset, float Factor) MinMaxMapping(ReadOnlySpan<float> image)
    {
        var minimum = float.PositiveInfinity;
        var maximum = float.NegativeInfinity;
        foreach (var value in image)
        {
            if (!float.IsFinite(value))
                continue;
            minimum = Math.Min(minimum, value);
            maximum = Math.Max(maximum, value);
        }
        if (!(maximum > minimum))
            return (float.IsFinite(minimum) ? minimum - 0.5f : 0f, 1f); // constant image: mid-gray
        return (minimum, 1f / (maximum - minimum));
    }

    private static byte ToByte(float value) =>
        float.IsNaN(value) ? (byte)0 : (byte)(Math.Clamp(value, 0f, 1f) * 255f + 0.5f);

    /// <summary>A row of images as RGBA bytes, <c>[N, H, W, 4]</c>.</summary>
    internal sealed record DecodedImages(int Count, int Height, int Width, byte[] Rgba);
}
