using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>What a run folder holds besides weights: pictures drawn after training.</summary>
internal static class RunArtifacts
{
    public const string ReconstructionsFile = "reconstructions.png", LossCurveFile = "loss.png", FiltersFile = "filters.png", LatentFile = "latent.png", CentroidsFile = "centroids.png", AtomsFile = "atoms.png";

    /// <summary>The files a run writes (for --overwrite).</summary>
    public static IEnumerable<string> Files(string runDirectory) =>
        new[] { RunConfig.FileName, Trainer.ModelFileName, Trainer.CheckpointFileName, Trainer.MetricsFileName, ReconstructionsFile, LossCurveFile, FiltersFile, LatentFile, CentroidsFile, AtomsFile,
                SomPictures.UMatrixFile, SomPictures.HitMapFile, SomPictures.ComponentPlanesFile, SomPictures.PrototypesFile }
            .Select(f => Path.Combine(runDirectory, f)).Where(File.Exists);

    /// <summary>Reconstruction grid (originals above reconstructions) and the loss curves.</summary>
    public static void DrawPictures(IModel model, string runDirectory, Dataset data)
    {
        if (model is IReconstructor reconstructor && ImageShapeOf(data.SampleShape) is not null) DrawReconstructions(reconstructor, data, Path.Combine(runDirectory, ReconstructionsFile), 20);
        if (ImageShapeOf(data.SampleShape) is { } imageShape && FirstLayerFilters(model, imageShape) is { } filters)
            using (filters) DrawFilters(filters, imageShape, Path.Combine(runDirectory, FiltersFile));
        if (model is IEncoder { CodeSize: 2 } encoder) DrawLatentScatter(encoder, data, Path.Combine(runDirectory, LatentFile), 5000);
        if (model is KMeans kmeans && ImageShapeOf(data.SampleShape) is { } shape)
            ImageGrid.Save(Path.Combine(runDirectory, CentroidsFile), kmeans.Centroids.cpu(), new ImageGridOptions { Columns = 10, ImageShape = shape });
        if (model is SelfOrganizingMap map) SomPictures.SaveAll(map, data, runDirectory);
        if (AtomsOf(model) is { } atoms && ImageShapeOf(data.SampleShape) is { } atomShape)
            DrawAtoms(atoms, atomShape, Path.Combine(runDirectory, AtomsFile), $"{model.Name}: {atoms.shape[0]} atoms");
        if (model is PredictiveSparseDecomposition psd && ImageShapeOf(data.SampleShape) is { } filterShape)
            DrawAtoms(psd.EncoderWeight, filterShape, Path.Combine(runDirectory, FiltersFile), "psd: encoder filters (rows of W)");
        var history = Trainer.ReadMetrics(Path.Combine(runDirectory, Trainer.MetricsFileName));
        if (history.Count > 0) LineChart.SaveTrainingCurves(Path.Combine(runDirectory, LossCurveFile), history);
    }

    /// <summary>Originals above reconstructions, for the first <paramref name="count"/> samples.</summary>
    public static void DrawReconstructions(IReconstructor model, Dataset data, string path, int count)
    {
        using var scope = NewDisposeScope();
        var originals = data.Features.narrow(0, 0, Math.Min(count, data.Count));
        var reconstructions = model.Reconstruct(originals).cpu();
        var options = new ImageGridOptions { Columns = 10, ImageShape = ImageShapeOf(data.SampleShape) };
        ImageGrid.SaveRows(path, [("original", originals), ("reconstruction", reconstructions)], options);
    }

    /// <summary>
    /// The first dense layer's weights <c>[units, input]</c> (at most <paramref name="count"/> units)
    /// when the model has a dense encoder reading whole images of <paramref name="imageShape"/>; else null.
    /// </summary>
    public static Tensor? FirstLayerFilters(IModel model, long[] imageShape, int count = 100)
    {
        if (model is not IDenseEncoder { EncoderLayers: [var first, ..] }) return null;
        if (first.InputSize != imageShape.Aggregate(1L, (a, b) => a * b)) return null;
        using var noGrad = no_grad();
        return first.Weight.narrow(0, 0, Math.Min(count, first.OutputSize)).detach().cpu().clone();
    }

    /// <summary>Filters as images, each min-max normalised on its own (weights are signed).</summary>
    public static void DrawFilters(Tensor filters, long[] imageShape, string path)
    {
        var options = new ImageGridOptions { Columns = 10, ImageShape = imageShape, Normalize = ImageNormalization.PerImageMinMax, Title = "first-layer filters" };
        ImageGrid.Save(path, filters, options);
    }

    /// <summary>The dictionary atoms <c>[K, d]</c> of a sparse-coding model (live tensor), or null for other models.</summary>
    public static Tensor? AtomsOf(IModel model) => model switch
    {
        DictionaryLearning learning => learning.Dictionary,
        PredictiveSparseDecomposition psd => psd.Dictionary,
        _ => null,
    };

    /// <summary>Atoms or filters as images (signed: min-max per image), 16 per line, small patches enlarged.</summary>
    public static void DrawAtoms(Tensor atoms, long[] imageShape, string path, string title)
    {
        using var scope = NewDisposeScope();
        int scale = (int)Math.Clamp(48 / Math.Max(imageShape[1], imageShape[2]), 1, 8);
        var options = new ImageGridOptions { Columns = 16, Scale = scale, ImageShape = imageShape, Normalize = ImageNormalization.PerImageMinMax, Title = title };
        ImageGrid.Save(path, atoms.detach().cpu(), options);
    }

    /// <summary>A scatter of 2-D codes of the first <paramref name="count"/> samples, coloured by label.</summary>
    public static void DrawLatentScatter(IEncoder encoder, Dataset data, string path, int count)
    {
        using var scope = NewDisposeScope();
        var samples = data.Features.narrow(0, 0, Math.Min(count, data.Count));
        var codes = encoder.Encode(samples).cpu();
        var labels = data.Labels?.narrow(0, 0, samples.shape[0]);
        ScatterPlot.SaveLatentScatter(path, codes, labels, data.ClassNames, $"{encoder.Name}: 2-D codes of {samples.shape[0]} samples");
    }

    /// <summary>Image shape of a sample: [C, H, W] as is, [D] as a square when D is a perfect square.</summary>
    public static long[]? ImageShapeOf(long[] sampleShape) => sampleShape.Length switch
    {
        3 => sampleShape,
        2 => [1, sampleShape[0], sampleShape[1]],
        1 when Math.Sqrt(sampleShape[0]) % 1 == 0 => [1, (long)Math.Sqrt(sampleShape[0]), (long)Math.Sqrt(sampleShape[0])],
        _ => null,
    };
}
