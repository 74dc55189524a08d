using System.Globalization;
using LatentSharp.IO;
using TorchSharp;
using SkiaSharp;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>
/// Draws a sample as a sparse sum of dictionary atoms on one line:
/// <c>[x] ≈ [x̂] = 0.82 × [φ₃₆] + 0.31 × [φ₄₂] − 0.50 × [φ₆₅]</c>, each image labelled, with the equation
/// and the relative residual written underneath. Signed values are drawn with 0 as mid-gray: the sample and
/// its reconstruction share one scale (the sample's largest |value|); each atom has its own.
/// </summary>
public static class DecompositionPicture
{
    const int Gap = 10, Text = 14, Margin = 12;

    /// <summary>Writes the picture to <paramref name="path"/> (PNG, atomically).</summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="sample">The sample, <c>[d]</c> with d = H·W.</param>
    /// <param name="atoms">All atoms <c>[K, d]</c>.</param>
    /// <param name="code">The sample's code <c>[K]</c>; the reconstruction is <c>code · atoms</c>.</param>
    /// <param name="height">Image height H (width is d / H).</param>
    /// <param name="terms">Most atoms drawn, largest |coefficient| first, in [1, 32]; the rest are counted in the caption.</param>
    /// <param name="title">Optional first line of the caption.</param>
    /// <returns>The (atom index, coefficient) pairs drawn, largest |coefficient| first.</returns>
    /// <exception cref="ArgumentException">Shapes disagree or <paramref name="terms"/> is out of range.</exception>
    public static IReadOnlyList<(long Atom, double Coefficient)> Save(string path, Tensor sample, Tensor atoms, Tensor code, long height, int terms = 6, string? title = null)
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(code);
        if (terms is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(terms), terms, "Terms must be in [1, 32].");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = sample.detach().cpu().to(ScalarType.Float64).flatten();
        var dictionary = atoms.detach().cpu().to(ScalarType.Float64);
        var z = code.detach().cpu().to(ScalarType.Float64).flatten();
        long d = x.shape[0];
        if (dictionary.dim() != 2 || dictionary.shape[1] != d || z.shape[0] != dictionary.shape[0])
            throw new ArgumentException($"Need a sample [d], atoms [K, d] and a code [K]; got [{d}], [{string.Join(", ", dictionary.shape)}], [{z.shape[0]}].", nameof(atoms));
        if (height < 1 || d % height != 0) throw new ArgumentException($"Height {height} does not divide the sample's {d} values.", nameof(height));
        long width = d / height;
        var reconstruction = z.unsqueeze(0).mm(dictionary).flatten();
        double residual = (x - reconstruction).norm().ToDouble() / Math.Max(1e-12, x.norm().ToDouble());

        var magnitudes = z.abs().data<double>().ToArray();
        var coefficients = z.data<double>().ToArray();
        var nonZero = Enumerable.Range(0, magnitudes.Length).Where(i => magnitudes[i] > 0).OrderByDescending(i => magnitudes[i]).ThenBy(i => i).ToList();
        var shown = nonZero.Take(terms).Select(i => ((long)i, coefficients[i])).ToList();

        int scale = (int)Math.Clamp(96 / Math.Max(height, width), 2, 16);
        int tileW = (int)width * scale, tileH = (int)height * scale;
        using var font = new SKFont(FontProvider.Typeface, Text) { Edging = SKFontEdging.Antialias };
        using var ink = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true };
        // Items left to right: tile or text.
        var items = new List<(string? Text, double[]? Pixels, double Scale, string Label)>
        {
            (null, x.data<double>().ToArray(), 0, "sample"),
            ("≈", null, 0, ""),
            (null, reconstruction.data<double>().ToArray(), 0, "reconstruction"),
            ("=", null, 0, ""),
        };
        double sampleScale = Math.Max(1e-12, x.abs().max().ToDouble());
        for (int t = 0; t < shown.Count; t++)
        {
            var (atom, c) = shown[t];
            var sign = t == 0 ? (c < 0 ? "−" : "") : (c < 0 ? "− " : "+ ");
            items.Add(($"{sign}{Math.Abs(c).ToString("0.00", CultureInfo.InvariantCulture)} ×", null, 0, ""));
            var pixels = dictionary[atom].data<double>().ToArray();
            items.Add((null, pixels, Math.Max(1e-12, pixels.Max(Math.Abs)), $"φ{atom}"));
        }
        if (nonZero.Count > shown.Count) items.Add(($"+ {nonZero.Count - shown.Count} more", null, 0, ""));

        int widthPx = Margin;
        foreach (var item in items) widthPx += (item.Text is null ? tileW : (int)Math.Ceiling(font.MeasureText(item.Text))) + Gap;
        widthPx += Margin - Gap;
        var terms1 = string.Join(" ", shown.Select((s, t) => (t == 0 ? (s.Item2 < 0 ? "−" : "") : (s.Item2 < 0 ? "− " : "+ ")) + Math.Abs(s.Item2).ToString("0.00", CultureInfo.InvariantCulture) + "·φ" + s.Item1));
        var caption = new List<string>();
        if (!string.IsNullOrWhiteSpace(title)) caption.Add(title);
        caption.Add(shown.Count == 0 ? "x ≈ 0: every coefficient is zero (the sample is too weak for the L1 weight)" : $"x ≈ {terms1}{(nonZero.Count > shown.Count ? $" + {nonZero.Count - shown.Count} smaller terms" : "")}");
        caption.Add(string.Create(CultureInfo.InvariantCulture, $"{nonZero.Count} non-zero coefficients of {z.shape[0]}; relative residual ‖x − x̂‖/‖x‖ = {residual:0.000}"));
        widthPx = Math.Max(widthPx, caption.Max(line => (int)Math.Ceiling(font.MeasureText(line))) + 2 * Margin);
        int heightPx = Margin + tileH + 4 + Text + 8 + caption.Count * (Text + 6) + Margin;

        using var bitmap = new SKBitmap(new SKImageInfo(widthPx, heightPx, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            int left = Margin;
            foreach (var (text, pixels, ownScale, label) in items)
            {
                if (text is not null)
                {
                    canvas.DrawText(text, left, Margin + tileH / 2f + Text / 3f, SKTextAlign.Left, font, ink);
                    left += (int)Math.Ceiling(font.MeasureText(text)) + Gap;
                    continue;
                }
                double s = ownScale > 0 ? ownScale : sampleScale;
                for (int r = 0; r < height; r++)
                    for (int c = 0; c < width; c++)
                    {
                        byte g = (byte)Math.Round(255 * Math.Clamp(0.5 + 0.5 * pixels![r * width + c] / s, 0, 1));
                        using var paint = new SKPaint { Color = new SKColor(g, g, g) };
                        canvas.DrawRect(left + c * scale, Margin + r * scale, scale, scale, paint);
                    }
                canvas.DrawText(label, left + tileW / 2f, Margin + tileH + 4 + Text, SKTextAlign.Center, font, ink);
                left += tileW + Gap;
            }
            float baseline = Margin + tileH + 4 + Text + 8 + Text;
            foreach (var line in caption)
            {
                canvas.DrawText(line, Margin, baseline, SKTextAlign.Left, font, ink);
                baseline += Text + 6;
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("SkiaSharp could not encode the picture as PNG.");
        AtomicFile.Write(fullPath, png.SaveTo);
        return shown;
    }
}
