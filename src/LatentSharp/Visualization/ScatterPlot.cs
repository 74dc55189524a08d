using LatentSharp.IO;
using ScottPlot;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>Scatter plots of 2-D latent codes, coloured by class, rendered to PNG with ScottPlot; files are written atomically.</summary>
public static class ScatterPlot
{
    /// <summary>
    /// Saves a scatter plot of 2-D codes with one colour per class and a legend of class names,
    /// e.g. the latent space of a VAE with a 2-D code on MNIST.
    /// </summary>
    /// <param name="path">PNG file to write; its directory is created if missing.</param>
    /// <param name="codes">Codes, floating point, <c>[N, 2]</c>, any device. Non-finite rows are left out.</param>
    /// <param name="labels">Class labels, integer (int64 usual), <c>[N]</c>, ≥ 0; or null to draw all points in one colour.</param>
    /// <param name="classNames">Legend names indexed by label; a label without a name is shown as its number.</param>
    /// <param name="title">Title drawn above the plot (may be empty).</param>
    /// <param name="width">Image width in pixels, in [100, 10000].</param>
    /// <param name="height">Image height in pixels, in [100, 10000].</param>
    /// <param name="background">Points <c>[M, 2]</c> drawn in grey beneath the codes (e.g. prior samples), or null.</param>
    /// <param name="backgroundName">The background's legend entry.</param>
    /// <exception cref="ArgumentException">Codes are not <c>[N, 2]</c> with N ≥ 1, or labels are not <c>[N]</c> integers ≥ 0.</exception>
    public static void SaveLatentScatter(
        string path, Tensor codes, Tensor? labels, IReadOnlyList<string>? classNames, string title,
        int width = 800, int height = 700, Tensor? background = null, string backgroundName = "prior")
    {
        var fullPath = AtomicFile.CheckPath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(codes);
        ChartRendering.CheckSize(width, height);
        var shape = codes.shape;
        if (shape.Length != 2 || shape[1] != 2 || shape[0] == 0)
            throw new ArgumentException($"Codes must be [N, 2] with N ≥ 1; got [{string.Join(", ", shape)}].", nameof(codes));
        if (!codes.is_floating_point())
            throw new ArgumentException($"Codes must be floating point; got {codes.dtype}.", nameof(codes));
        var count = shape[0];
        if (labels is not null)
        {
            if (labels.dim() != 1 || labels.shape[0] != count)
                throw new ArgumentException($"Labels must be [{count}] to match the codes; got [{string.Join(", ", labels.shape)}].", nameof(labels));
            if (labels.is_floating_point() || labels.is_complex() || labels.dtype == ScalarType.Bool)
                throw new ArgumentException($"Labels must be integers (int64); got {labels.dtype}.", nameof(labels));
        }

        double[] points;
        long[] classes;
        using (NewDisposeScope())
        {
            points = codes.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            classes = labels is null ? new long[count] : labels.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        }
        if (classes.Any(label => label < 0))
            throw new ArgumentException("Labels must be ≥ 0.", nameof(labels));

        var plot = ChartRendering.CreatePlot();
        if (background is not null) AddBackground(plot, background, backgroundName);
        var distinct = classes.Distinct().Order().ToList();
        IPalette palette = distinct.Count <= 10 ? new ScottPlot.Palettes.Category10() : new ScottPlot.Palettes.Category20();
        var markerSize = count <= 2_000 ? 5f : count <= 20_000 ? 3f : 2f;
        for (var c = 0; c < distinct.Count; c++)
        {
            var label = distinct[c];
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var (x, y) = (points[2 * i], points[2 * i + 1]);
                if (classes[i] != label || !double.IsFinite(x) || !double.IsFinite(y))
                    continue;
                xs.Add(x);
                ys.Add(y);
            }
            if (xs.Count == 0)
                continue;
            var scatter = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), palette.GetColor(c).WithAlpha(0.7));
            scatter.MarkerSize = markerSize;
            if (labels is not null)
                scatter.LegendText = classNames is not null && label < classNames.Count ? classNames[(int)label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        plot.Title(title ?? string.Empty);
        plot.XLabel("z1");
        plot.YLabel("z2");
        if (labels is not null || background is not null)
            plot.ShowLegend(Edge.Right);
        ChartRendering.SavePng(plot, fullPath, width, height);
    }

    static void AddBackground(Plot plot, Tensor points, string name)
    {
        if (points.dim() != 2 || points.shape[1] != 2)
            throw new ArgumentException($"Background points must be [M, 2]; got [{string.Join(", ", points.shape)}].", nameof(points));
        double[] values;
        using (NewDisposeScope()) values = points.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var xs = values.Where((_, i) => i % 2 == 0).ToArray();
        var ys = values.Where((_, i) => i % 2 == 1).ToArray();
        var scatter = plot.Add.ScatterPoints(xs, ys, Colors.Gray.WithAlpha(0.45));
        scatter.MarkerSize = 2f;
        scatter.LegendText = name;
    }
}
