using System.IO.Compression;
using SkiaSharp;

namespace LatentSharp.Visualization;

/// <summary>
/// Picks the typeface for labels and titles. Skia's default typeface comes from the system's fonts;
/// on a machine with none (a slim container) it is empty and text would silently vanish, so we then
/// fall back to DejaVu Sans embedded in this assembly (licence in <c>Visualization/Fonts</c>).
/// </summary>
internal static class FontProvider
{
    /// <summary>Name under which the embedded font is offered to ScottPlot.</summary>
    public const string EmbeddedFamilyName = "LatentSharp DejaVu Sans";

    private const string ResourceName = "LatentSharp.Visualization.Fonts.DejaVuSans.ttf.gz";
    private const string Probe = "Ag0";

    // Sans-serif families tried first: they read better at small sizes than Skia's default (often a serif).
    private static readonly string[] PreferredFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    private static readonly Lazy<SKData> EmbeddedData = new(LoadEmbeddedData);
    private static readonly Lazy<SKTypeface> EmbeddedTypeface = new(CreateEmbeddedTypeface);
    private static readonly Lazy<SKTypeface> Resolved = new(Resolve);

    /// <summary>The typeface to draw text with; never disposed (shared for the process).</summary>
    public static SKTypeface Typeface => Resolved.Value;

    /// <summary>Whether <see cref="Typeface"/> is the embedded fallback (the system offered no usable font).</summary>
    public static bool UsesEmbeddedFont
    {
        get
        {
            var typeface = Resolved.Value;
            return EmbeddedTypeface.IsValueCreated && ReferenceEquals(typeface, EmbeddedTypeface.Value);
        }
    }

    /// <summary>Whether <paramref name="typeface"/> can draw basic Latin text.</summary>
    public static bool CanDrawLatin(SKTypeface? typeface) =>
        typeface is not null && typeface.GlyphCount > 0 && typeface.ContainsGlyphs(Probe);

    /// <summary>A new typeface instance over the embedded font's bytes (the caller may dispose it).</summary>
    public static SKTypeface CreateEmbeddedTypeface() =>
        SKTypeface.FromData(EmbeddedData.Value)
        ?? throw new InvalidOperationException($"The embedded font '{ResourceName}' could not be read.");

    private static SKTypeface Resolve()
    {
        var manager = SKFontManager.Default;
        foreach (var family in PreferredFamilies)
        {
            var candidate = manager.MatchFamily(family);
            if (CanDrawLatin(candidate) && string.Equals(candidate!.FamilyName, family, StringComparison.OrdinalIgnoreCase))
                return candidate;
        }
        if (CanDrawLatin(SKTypeface.Default))
            return SKTypeface.Default;
        var byCharacter = manager.MatchCharacter('A');
        if (CanDrawLatin(byCharacter))
            return byCharacter!;
        return EmbeddedTypeface.Value;
    }

    private static SKData LoadEmbeddedData()
    {
        using var resource = typeof(FontProvider).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font '{ResourceName}' is missing from the assembly.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return SKData.CreateCopy(buffer.ToArray());
    }
}
