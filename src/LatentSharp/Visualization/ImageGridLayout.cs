using SkiaSharp;

namespace LatentSharp.Visualization;

/// <summary>
/// Pixel geometry of an <see cref="ImageGrid"/>. With g the gap, cells of
/// <c>(H·Scale) × (W·Scale)</c>, c columns, R rows wrapped into B blocks of R lines each:
/// <code>
/// Width  = max(LabelWidth + g + c·(CellWidth + g), title width + 2·padding)
/// Height = TitleHeight + g + B·R·(CellHeight + g) + B·CaptionHeight + (B − 1)·BlockGap,  BlockGap = R &gt; 1 ? 4·g : 0
/// </code>
/// LabelWidth is 0 without labels, TitleHeight 0 without a title, CaptionHeight 0 without captions
/// (captions sit under the last row of each block).
/// </summary>
internal readonly record struct ImageGridLayout(
    int Width, int Height, int CellWidth, int CellHeight, int Columns, int RowCount, int Blocks,
    int Gap, int BlockGap, int LabelWidth, int TitleHeight, float LabelFontSize, float TitleFontSize,
    int CaptionHeight = 0, float CaptionFontSize = 0)
{
    /// <summary>Smallest caption font; a caption wider than its image at this size overflows into the gap.</summary>
    private const float MinimumCaptionFontSize = 8f;

    private const int TextPadding = 6;

    /// <summary>Top-left pixel of image <paramref name="index"/> of row <paramref name="row"/>.</summary>
    public (int X, int Y) CellOrigin(int row, int index)
    {
        var block = index / Columns;
        var column = index % Columns;
        var line = block * RowCount + row;
        return (LabelWidth + Gap + column * (CellWidth + Gap), TitleHeight + Gap + line * (CellHeight + Gap) + block * (BlockGap + CaptionHeight));
    }

    /// <summary>Lays out <paramref name="rows"/>, measuring labels and title with <paramref name="font"/>.</summary>
    public static ImageGridLayout Compute(IReadOnlyList<(string? Label, ImageGrid.DecodedImages Images)> rows, ImageGridOptions options, SKFont font)
    {
        var first = rows[0].Images;
        var cellWidth = first.Width * options.Scale;
        var cellHeight = first.Height * options.Scale;
        var longest = rows.Max(row => row.Images.Count);
        var columns = Math.Min(options.Columns, longest);
        var blocks = (longest + columns - 1) / columns;
        var gap = options.Gap;
        var blockGap = rows.Count > 1 ? 4 * gap : 0;

        var labelFontSize = Math.Clamp(cellHeight * 0.25f, 11f, 16f);
        var titleFontSize = labelFontSize + 3f;

        font.Size = labelFontSize;
        var widestLabel = rows.Where(row => !string.IsNullOrWhiteSpace(row.Label)).Select(row => font.MeasureText(row.Label!)).DefaultIfEmpty(-1f).Max();
        var labelWidth = widestLabel < 0 ? 0 : (int)Math.Ceiling(widestLabel) + 2 * TextPadding;

        var titleHeight = 0;
        var titleWidth = 0;
        if (!string.IsNullOrWhiteSpace(options.Title))
        {
            font.Size = titleFontSize;
            titleHeight = (int)Math.Ceiling(font.Spacing) + 2 * TextPadding;
            titleWidth = (int)Math.Ceiling(font.MeasureText(options.Title)) + 2 * TextPadding;
        }

        var (captionHeight, captionFontSize) = (0, 0f);
        if (options.Captions is { Count: > 0 } captions && captions.Any(c => !string.IsNullOrWhiteSpace(c)))
        {
            // The label size, shrunk until the widest caption fits its image (and a gap), but never below the minimum.
            captionFontSize = labelFontSize;
            font.Size = captionFontSize;
            var widest = captions.Max(c => font.MeasureText(c));
            if (widest > cellWidth + gap)
                captionFontSize = Math.Max(MinimumCaptionFontSize, captionFontSize * (cellWidth + gap) / widest);
            font.Size = captionFontSize;
            captionHeight = (int)Math.Ceiling(font.Spacing) + 2;
        }

        var width = Math.Max(labelWidth + gap + columns * (long)(cellWidth + gap), titleWidth);
        var height = titleHeight + gap + (long)blocks * rows.Count * (cellHeight + gap) + (long)blocks * captionHeight + (blocks - 1L) * blockGap;
        return new ImageGridLayout(Saturate(width), Saturate(height), cellWidth, cellHeight, columns, rows.Count, blocks, gap, blockGap, labelWidth, titleHeight,
            labelFontSize, titleFontSize, captionHeight, captionFontSize);
    }

    // Absurd sizes saturate instead of wrapping, so the caller's size check refuses them.
    private static int Saturate(long pixels) => (int)Math.Min(pixels, int.MaxValue);
}
