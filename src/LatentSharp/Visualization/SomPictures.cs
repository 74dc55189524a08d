using System.Globalization;
using LatentSharp.Data;
using LatentSharp.IO;
using LatentSharp.Models.Competitive;
using SkiaSharp;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>
/// Pictures of a trained <see cref="SelfOrganizingMap"/>: U-matrix, hit map, component planes and the
/// prototypes as images. Heat maps draw each unit at its lattice position — squares on the
/// rectangular grid, hexagons (odd rows shifted by half a cell) on the hexagonal one — in a
/// viridis-like ramp with the value range written under the map. Files are written atomically.
/// </summary>
public static class SomPictures
{
    /// <summary>File names written by <see cref="SaveAll"/>.</summary>
    public const string UMatrixFile = "u-matrix.png", HitMapFile = "hit-map.png", ComponentPlanesFile = "component-planes.png", PrototypesFile = "prototypes.png";

    /// <summary>Component planes drawn at most; with more input dimensions, those varying most across units are shown.</summary>
    public const int MaximumComponentPlanes = 16;

    static readonly SKColor[] Ramp = [new(0x44, 0x01, 0x54), new(0x3b, 0x52, 0x8b), new(0x21, 0x91, 0x8c), new(0x5e, 0xc9, 0x62), new(0xfd, 0xe7, 0x25)];
    const int Margin = 10, TitleHeight = 26, LegendHeight = 22;

    /// <summary>
    /// Writes <see cref="UMatrixFile"/>, <see cref="HitMapFile"/> (hits of <paramref name="data"/>),
    /// <see cref="ComponentPlanesFile"/> and, when samples are images, <see cref="PrototypesFile"/> into
    /// <paramref name="directory"/>. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> SaveAll(SelfOrganizingMap model, Dataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var written = new List<string>();
        string Path(string file) => System.IO.Path.Combine(directory, file);
        SaveUMatrix(Path(UMatrixFile), model);
        written.Add(Path(UMatrixFile));
        SaveHitMap(Path(HitMapFile), model, data.Features);
        written.Add(Path(HitMapFile));
        SaveComponentPlanes(Path(ComponentPlanesFile), model);
        written.Add(Path(ComponentPlanesFile));
        if (ImageShapeOf(model.InputShape) is { } shape)
        {
            SavePrototypes(Path(PrototypesFile), model, shape);
            written.Add(Path(PrototypesFile));
        }
        return written;
    }

    /// <summary>The U-matrix: each unit's mean prototype distance to its adjacent units (dark = close, light = a boundary).</summary>
    public static void SaveUMatrix(string path, SelfOrganizingMap model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var u = model.UMatrix();
        var rule = model.Grid.Topology == SomTopology.Hexagonal ? "6 neighbours" : "8 neighbours";
        SaveHeatMaps(path, model.Grid, [(Values(u), "")], $"U-matrix: mean distance to adjacent units ({rule})", 1, labelCells: false);
    }

    /// <summary>Hit map: how many samples of <paramref name="input"/> each unit wins (the counts are written in the cells).</summary>
    public static void SaveHitMap(string path, SelfOrganizingMap model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var hits = model.HitCounts(input);
        using var asFloat = hits.to(ScalarType.Float32);
        SaveHeatMaps(path, model.Grid, [(Values(asFloat), "")], $"Hit map: BMU counts of {input.shape[0]} samples", 1, labelCells: true);
    }

    /// <summary>
    /// One small heat map per input dimension (the prototypes' value of that component on the map).
    /// With more than <see cref="MaximumComponentPlanes"/> dimensions, the ones whose values vary most
    /// across units are shown, and the title says so.
    /// </summary>
    public static void SaveComponentPlanes(string path, SelfOrganizingMap model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long dimensions = model.Prototypes.shape[1];
        long[] chosen;
        using (var scope = NewDisposeScope())
        {
            var spread = model.Prototypes.detach().cpu().var(dim: 0);
            chosen = dimensions <= MaximumComponentPlanes
                ? Enumerable.Range(0, (int)dimensions).Select(i => (long)i).ToArray()
                : spread.topk(MaximumComponentPlanes).indexes.sort().Values.data<long>().ToArray();
        }
        var planes = new List<(float[,] Values, string Label)>();
        foreach (var d in chosen)
        {
            using var scope = NewDisposeScope();
            planes.Add((Values(model.Prototypes.detach().cpu()[.., d].reshape(model.Grid.Rows, model.Grid.Columns)), $"#{d}"));
        }
        var title = dimensions <= MaximumComponentPlanes
            ? "Component planes"
            : $"Component planes: {chosen.Length} of {dimensions} dimensions (largest variance across units)";
        SaveHeatMaps(path, model.Grid, planes, title, Math.Min(4, planes.Count), labelCells: false, perPlaneRange: true);
    }

    /// <summary>The prototypes as images, one per unit, in grid order (Columns per line; hexagonal offsets not drawn).</summary>
    public static void SavePrototypes(string path, SelfOrganizingMap model, long[] imageShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var cpu = model.Prototypes.detach().cpu();
        var note = model.Grid.Topology == SomTopology.Hexagonal ? " (hexagonal: odd rows sit half a cell to the right)" : "";
        ImageGrid.Save(path, cpu, new ImageGridOptions
        {
            Columns = model.Grid.Columns, ImageShape = imageShape, Scale = imageShape[1] <= 32 ? 2 : 1,
            Title = $"Prototypes {model.Grid.Rows}×{model.Grid.Columns}{note}",
        });
    }

    static long[]? ImageShapeOf(long[] sampleShape) => sampleShape.Length switch
    {
        3 when sampleShape[0] is 1 or 3 => sampleShape,
        2 => [1, sampleShape[0], sampleShape[1]],
        1 when sampleShape[0] > 1 && Math.Sqrt(sampleShape[0]) % 1 == 0 => [1, (long)Math.Sqrt(sampleShape[0]), (long)Math.Sqrt(sampleShape[0])],
        _ => null,
    };

    static float[,] Values(Tensor map)
    {
        using var cpu = map.detach().cpu().to(ScalarType.Float32).contiguous();
        var flat = cpu.data<float>().ToArray();
        int rows = (int)cpu.shape[0], columns = (int)cpu.shape[1];
        var values = new float[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                values[i, j] = flat[i * columns + j];
        return values;
    }

    /// <summary>Draws one or more heat maps of the lattice side by side (<paramref name="perLine"/> per line).</summary>
    static void SaveHeatMaps(string path, SomGrid grid, IReadOnlyList<(float[,] Values, string Label)> maps, string title, int perLine,
        bool labelCells, bool perPlaneRange = false)
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        bool hex = grid.Topology == SomTopology.Hexagonal;
        float cell = maps.Count > 1 ? Math.Clamp(180f / Math.Max(grid.Rows, grid.Columns), 6, 24) : Math.Clamp(600f / Math.Max(grid.Rows, grid.Columns), 8, 60);
        float rowStep = hex ? cell * (float)Math.Sqrt(3) / 2 : cell;
        float mapWidth = (grid.Columns + (hex && grid.Rows > 1 ? 0.5f : 0)) * cell, mapHeight = (grid.Rows - 1) * rowStep + cell;
        float labelHeight = maps.Count > 1 ? 16 : 0;
        int lines = (maps.Count + perLine - 1) / perLine;
        float blockWidth = mapWidth + Margin, blockHeight = labelHeight + mapHeight + LegendHeight + Margin;
        int width = (int)Math.Ceiling(Math.Max(perLine * blockWidth + Margin, 360)), height = (int)Math.Ceiling(TitleHeight + lines * blockHeight + Margin);

        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(FontProvider.Typeface, 14) { Edging = SKFontEdging.Antialias };
        using var ink = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true };
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawText(title, width / 2f, 18, SKTextAlign.Center, font, ink);

        float globalMin = maps.SelectMany(m => m.Values.Cast<float>()).DefaultIfEmpty(0).Min();
        float globalMax = maps.SelectMany(m => m.Values.Cast<float>()).DefaultIfEmpty(0).Max();
        for (int m = 0; m < maps.Count; m++)
        {
            var (values, label) = maps[m];
            float min = perPlaneRange ? values.Cast<float>().Min() : globalMin, max = perPlaneRange ? values.Cast<float>().Max() : globalMax;
            float left = Margin + m % perLine * blockWidth, top = TitleHeight + m / perLine * blockHeight;
            font.Size = 12;
            if (label.Length > 0) canvas.DrawText(label, left + mapWidth / 2, top + 12, SKTextAlign.Center, font, ink);
            top += labelHeight;
            for (int i = 0; i < grid.Rows; i++)
                for (int j = 0; j < grid.Columns; j++)
                {
                    float value = values[i, j];
                    fill.Color = Colour(max > min ? (value - min) / (max - min) : 0.5f);
                    float cx = left + (j + 0.5f + (hex && (i & 1) == 1 ? 0.5f : 0)) * cell, cy = top + cell / 2 + i * rowStep;
                    if (hex)
                    {
                        using var hexagon = Hexagon(cx, cy, cell / 2);
                        canvas.DrawPath(hexagon, fill);
                    }
                    else
                    {
                        canvas.DrawRect(cx - cell / 2, cy - cell / 2, cell, cell, fill);
                    }
                    if (labelCells && cell >= 20)
                    {
                        font.Size = Math.Min(12, cell / 2.6f);
                        using var text = new SKPaint { Color = value > min + 0.6f * (max - min) ? SKColors.Black : SKColors.White, IsAntialias = true };
                        canvas.DrawText(value.ToString("0", CultureInfo.InvariantCulture), cx, cy + font.Size / 3, SKTextAlign.Center, font, text);
                    }
                }
            font.Size = 11;
            float legendTop = top + mapHeight + 4;
            for (int k = 0; k < 64; k++)
            {
                fill.Color = Colour(k / 63f);
                canvas.DrawRect(left + k * mapWidth / 64, legendTop, mapWidth / 64 + 0.5f, 6, fill);
            }
            canvas.DrawText(Format(min), left, legendTop + 18, SKTextAlign.Left, font, ink);
            canvas.DrawText(Format(max), left + mapWidth, legendTop + 18, SKTextAlign.Right, font, ink);
        }
        canvas.Flush();
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("SkiaSharp could not encode the map as PNG.");
        AtomicFile.Write(fullPath, png.SaveTo);
    }

    static string Format(float value) => Math.Abs(value) >= 100 || value == Math.Round(value)
        ? value.ToString("0.#", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A pointy-top hexagon of circumradius r·2/√3 that tiles with neighbours 2r apart (r = half the cell width).</summary>
    static SKPath Hexagon(float cx, float cy, float r)
    {
        var path = new SKPath();
        float radius = r * 2 / (float)Math.Sqrt(3);
        for (int k = 0; k < 6; k++)
        {
            double angle = Math.PI / 180 * (60 * k - 90);
            float x = cx + radius * (float)Math.Cos(angle), y = cy + radius * (float)Math.Sin(angle);
            if (k == 0) path.MoveTo(x, y); else path.LineTo(x, y);
        }
        path.Close();
        return path;
    }

    static SKColor Colour(float t)
    {
        if (!float.IsFinite(t)) return SKColors.Gray;
        t = Math.Clamp(t, 0, 1) * (Ramp.Length - 1);
        int k = Math.Min((int)t, Ramp.Length - 2);
        float f = t - k;
        var (a, b) = (Ramp[k], Ramp[k + 1]);
        return new SKColor((byte)(a.Red + f * (b.Red - a.Red)), (byte)(a.Green + f * (b.Green - a.Green)), (byte)(a.Blue + f * (b.Blue - a.Blue)));
    }
}
