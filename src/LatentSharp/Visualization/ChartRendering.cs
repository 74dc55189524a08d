using LatentSharp.IO;
using ScottPlot;
using SkiaSharp;

namespace LatentSharp.Visualization;

/// <summary>What <see cref="LineChart"/> and <see cref="ScatterPlot"/> share: fonts, size checks, atomic PNG output.</summary>
internal static class ChartRendering
{
    private static readonly Lock RegistrationLock = new();
    private static bool resolverRegistered;

    /// <summary>Checks the requested pixel size of a chart.</summary>
    public static void CheckSize(int width, int height)
    {
        if (width is < 100 or > 10_000)
            throw new ArgumentOutOfRangeException(nameof(width), width, "The chart width must be in [100, 10000] pixels.");
        if (height is < 100 or > 10_000)
            throw new ArgumentOutOfRangeException(nameof(height), height, "The chart height must be in [100, 10000] pixels.");
    }

    /// <summary>A plot with LatentSharp's chart style and a font that can draw text on this machine.</summary>
    public static Plot CreatePlot()
    {
        var plot = new Plot();
        // Same family as the image grids. ScottPlot would otherwise take Skia's default typeface,
        // which is often a serif and, on a machine without fonts, empty: every label blank.
        if (FontProvider.UsesEmbeddedFont)
        {
            RegisterEmbeddedFont();
            plot.Font.Set(FontProvider.EmbeddedFamilyName);
        }
        else
        {
            plot.Font.Set(FontProvider.Typeface.FamilyName);
        }
        return plot;
    }

    /// <summary>Renders <paramref name="plot"/> and writes it atomically as a PNG.</summary>
    public static void SavePng(Plot plot, string fullPath, int width, int height)
    {
        var bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.WriteAllBytes(fullPath, bytes);
    }

    private static void RegisterEmbeddedFont()
    {
        lock (RegistrationLock)
        {
            if (resolverRegistered)
                return;
            Fonts.FontResolvers.Add(new EmbeddedFontResolver());
            resolverRegistered = true;
        }
    }

    /// <summary>Answers ScottPlot's requests for <see cref="FontProvider.EmbeddedFamilyName"/> only.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => Create(fontName);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName);

        // Regular weight only: bold titles fall back to the regular face, which reads fine.
        private static SKTypeface? Create(string fontName) =>
            string.Equals(fontName, FontProvider.EmbeddedFamilyName, StringComparison.Ordinal)
                ? FontProvider.CreateEmbeddedTypeface()
                : null;
    }
}
