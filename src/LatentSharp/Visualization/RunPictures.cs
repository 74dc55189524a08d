using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>
/// The pictures a run folder gets after training, chosen by what the model can do, never by its type:
/// <list type="bullet">
/// <item><see cref="SamplesFile"/> for an <see cref="IGenerator"/> drawing images;</item>
/// <item><see cref="ReconstructionsFile"/> for an <see cref="IReconstructor"/> of images;</item>
/// <item><see cref="FiltersFile"/> for an <see cref="IDenseEncoder"/> whose first layer reads whole images;</item>
/// <item><see cref="LatentFile"/> for an <see cref="IEncoder"/> with 2-D codes;</item>
/// <item><see cref="LossCurveFile"/> for any run with metrics (phases marked);</item>
/// <item>and whatever the family draws itself (<see cref="IDrawsPictures"/>).</item>
/// </list>
/// <see cref="Draw"/> records every file in the run's <see cref="RunManifest"/>.
/// </summary>
public static class RunPictures
{
    /// <summary>Default picture file names.</summary>
    public const string SamplesFile = "samples.png", ReconstructionsFile = "reconstructions.png", FiltersFile = "filters.png",
        LatentFile = "latent.png", LossCurveFile = "loss.png";

    /// <summary>What the manifest says wrote the default pictures.</summary>
    public const string WrittenBy = "pictures";

    /// <summary>Samples drawn in <see cref="SamplesFile"/>, and the seed of their generator (the picture is reproducible).</summary>
    public const int SampleCount = 64, SampleSeed = 1;

    const int ReconstructionCount = 20, FilterCount = 100, ScatterCount = 5000;

    /// <summary>
    /// Draws every picture <paramref name="model"/> has into <paramref name="runDirectory"/> (data-dependent
    /// ones from <paramref name="data"/>, usually the test split) and records them, with the fixed run
    /// files, in the run's manifest. Returns the manifest's entries: every file the run folder holds.
    /// </summary>
    public static IReadOnlyList<RunFile> Draw(IModel model, string runDirectory, Dataset data) =>
        RunManifest.Record(runDirectory, DrawPictures(model, new PictureContext(runDirectory, data)));

    /// <summary>
    /// Draws the family's own pictures, then each default picture whose capability the model has and
    /// whose file the family did not already write. Returns the files written; records nothing.
    /// </summary>
    public static IReadOnlyList<RunFile> DrawPictures(IModel model, PictureContext context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        var written = new List<RunFile>();
        if (model is IDrawsPictures family) written.AddRange(family.DrawPictures(context));
        bool Free(string name) => written.All(f => f.Name != name);
        var image = context.ImageShape;

        if (model is IGenerator generator && ImageShapes.Of(model.InputShape) is { } sampleShape && Free(SamplesFile))
        {
            using var rng = new Generator(SampleSeed);
            DrawSamples(generator, context.PathOf(SamplesFile), SampleCount, rng, sampleShape);
            written.Add(new(SamplesFile, $"{SampleCount} samples drawn by the model (seed {SampleSeed})", WrittenBy));
        }
        if (model is IReconstructor reconstructor && image is not null && Free(ReconstructionsFile))
        {
            DrawReconstructions(reconstructor, context.Data, context.PathOf(ReconstructionsFile), ReconstructionCount);
            written.Add(new(ReconstructionsFile, $"first {Math.Min(ReconstructionCount, context.Data.Count)} samples of {context.Data.Name} above their reconstructions", WrittenBy));
        }
        if (image is not null && Free(FiltersFile) && FirstLayerFilters(model, image, FilterCount) is { } filters)
        {
            using (filters) DrawFilters(filters, image, context.PathOf(FiltersFile));
            written.Add(new(FiltersFile, "first-layer filters of the dense encoder (weights of each unit as an image)", WrittenBy));
        }
        if (model is IEncoder { CodeSize: 2 } encoder && Free(LatentFile))
        {
            DrawLatentScatter(encoder, context.Data, context.PathOf(LatentFile), ScatterCount);
            written.Add(new(LatentFile, $"2-D codes of up to {ScatterCount} samples of {context.Data.Name}, coloured by label", WrittenBy));
        }
        if (Free(LossCurveFile) && DrawLossCurves(context.Directory, context.PathOf(LossCurveFile), model.Options))
            written.Add(new(LossCurveFile, "loss per epoch for each split, phases marked", WrittenBy));
        return written;
    }

    /// <summary>
    /// Draws the loss curves of the run in <paramref name="runDirectory"/> (its metrics.jsonl) to
    /// <paramref name="path"/>; false, drawing nothing, when the run has no epoch with a loss yet.
    /// </summary>
    public static bool DrawLossCurves(string runDirectory, string path) => DrawLossCurves(runDirectory, path, options: null);

    /// <summary>
    /// As <see cref="DrawLossCurves(string, string)"/>, with the loss axis naming its unit when the model's
    /// <paramref name="options"/> say it and one loss covers the whole run (see <see cref="LossAxis"/>).
    /// </summary>
    public static bool DrawLossCurves(string runDirectory, string path, ModelOptions? options)
    {
        var history = MetricsFile.Read(Path.Combine(runDirectory, Trainer.MetricsFileName));
        if (!history.Any(record => record.Values.Keys.Any(k => k == "loss" || k.EndsWith(".loss", StringComparison.Ordinal)))) return false;
        var phases = history.Select(record => record.Phase).Distinct().Count();
        LineChart.SaveTrainingCurves(path, history, LossAxis.Label(options, phases));
        return true;
    }

    /// <summary>
    /// Draws <paramref name="count"/> samples from <paramref name="generator"/> with <paramref name="random"/>
    /// as an image grid of <paramref name="imageShape"/> <c>[C, H, W]</c>, 8 per line.
    /// </summary>
    public static void DrawSamples(IGenerator generator, string path, int count, Generator random, long[] imageShape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        var samples = generator.Sample(count, random).detach().cpu();
        ImageGrid.Save(path, samples, new ImageGridOptions { Columns = 8, ImageShape = imageShape, Title = $"{generator.Name}: {count} samples" });
    }

    /// <summary>Originals above reconstructions, for the first <paramref name="count"/> samples of <paramref name="data"/>.</summary>
    public static void DrawReconstructions(IReconstructor model, Dataset data, string path, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var originals = data.Features.narrow(0, 0, Math.Min(count, data.Count));
        var reconstructions = model.Reconstruct(originals).cpu();
        var (shownOriginals, shownReconstructions, options) = ReconstructionGrid(originals, reconstructions, ImageShapes.Of(data.SampleShape));
        ImageGrid.SaveRows(path, [("original", shownOriginals), ("reconstruction", shownReconstructions)], options);
    }

    /// <summary>
    /// What <see cref="DrawReconstructions"/> draws for <paramref name="originals"/> and their
    /// <paramref name="reconstructions"/> of <paramref name="imageShape"/>: data in [0, 1] as they are;
    /// whitened or centred data (image patches), which would clip to black and white, mapped so each
    /// original spans the full gray range and its reconstruction shares the original's scale (so a
    /// reconstruction's lost contrast shows). Small images are enlarged to about 56 px.
    /// </summary>
    internal static (Tensor Originals, Tensor Reconstructions, ImageGridOptions Options) ReconstructionGrid(
        Tensor originals, Tensor reconstructions, long[]? imageShape)
    {
        var options = new ImageGridOptions
        {
            Columns = 10,
            ImageShape = imageShape,
            Scale = imageShape is null ? 2 : ImageShapes.ReadableScale(imageShape, 56),
        };
        if (ImageShapes.NormalizationFor(originals) == ImageNormalization.Clamp)
            return (originals, reconstructions, options);
        var flat = originals.flatten(1);
        var low = flat.amin([1], keepdim: true);
        var range = (flat.amax([1], keepdim: true) - low).clamp_min(1e-12);
        Tensor OnOriginalScale(Tensor images) => ((images.reshape(images.shape[0], -1) - low) / range).reshape(images.shape);
        return (OnOriginalScale(originals), OnOriginalScale(reconstructions),
            options with { Title = "each original on its own gray scale, its reconstruction on the same (data outside [0, 1])" });
    }

    /// <summary>
    /// The first dense layer's weights <c>[units, input]</c> (at most <paramref name="count"/> units, a
    /// detached CPU copy) when the model has a dense encoder reading whole images of <paramref name="imageShape"/>; else null.
    /// </summary>
    public static Tensor? FirstLayerFilters(IModel model, long[] imageShape, int count = FilterCount)
    {
        if (model is not IDenseEncoder { EncoderLayers: [var first, ..] }) return null;
        if (first.InputSize != imageShape.Aggregate(1L, (a, b) => a * b)) return null;
        using var noGrad = no_grad();
        return first.Weight.narrow(0, 0, Math.Min(count, first.OutputSize)).detach().cpu().clone();
    }

    /// <summary>Filters <c>[N, C·H·W]</c> as images, each min-max normalised on its own (weights are signed).</summary>
    public static void DrawFilters(Tensor filters, long[] imageShape, string path)
    {
        var options = new ImageGridOptions { Columns = 10, ImageShape = imageShape, Normalize = ImageNormalization.PerImageMinMax, Title = "first-layer filters" };
        ImageGrid.Save(path, filters, options);
    }

    /// <summary>Atoms or filters <c>[K, C·H·W]</c> as images (signed: min-max per image), 16 per line, small patches enlarged.</summary>
    public static void DrawAtoms(Tensor atoms, long[] imageShape, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        using var scope = NewDisposeScope();
        int scale = (int)Math.Clamp(48 / Math.Max(imageShape[1], imageShape[2]), 1, 8);
        var options = new ImageGridOptions { Columns = 16, Scale = scale, ImageShape = imageShape, Normalize = ImageNormalization.PerImageMinMax, Title = title };
        ImageGrid.Save(path, atoms.detach().cpu(), options);
    }

    /// <summary>A scatter of the 2-D codes of the first <paramref name="count"/> samples, coloured by label.</summary>
    public static void DrawLatentScatter(IEncoder encoder, Dataset data, string path, int count)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var samples = data.Features.narrow(0, 0, Math.Min(count, data.Count));
        var codes = encoder.Encode(samples).cpu();
        var labels = data.Labels?.narrow(0, 0, samples.shape[0]);
        ScatterPlot.SaveLatentScatter(path, codes, labels, data.ClassNames, $"{encoder.Name}: 2-D codes of {samples.shape[0]} samples");
    }
}
