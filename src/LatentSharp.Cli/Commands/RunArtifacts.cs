using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>What a run folder holds besides weights: pictures drawn after training.</summary>
internal static class RunArtifacts
{
    public const string ReconstructionsFile = "reconstructions.png", LossCurveFile = "loss.png";

    /// <summary>The files a run writes (for --overwrite).</summary>
    public static IEnumerable<string> Files(string runDirectory) =>
        new[] { RunConfig.FileName, Trainer.ModelFileName, Trainer.CheckpointFileName, Trainer.MetricsFileName, ReconstructionsFile, LossCurveFile,
                SomPictures.UMatrixFile, SomPictures.HitMapFile, SomPictures.ComponentPlanesFile, SomPictures.PrototypesFile }
            .Select(f => Path.Combine(runDirectory, f)).Where(File.Exists);

    /// <summary>Reconstruction grid (originals above reconstructions) and the loss curves.</summary>
    public static void DrawPictures(IModel model, string runDirectory, Dataset data)
    {
        if (model is IReconstructor reconstructor && ImageShapeOf(data.SampleShape) is not null) DrawReconstructions(reconstructor, data, Path.Combine(runDirectory, ReconstructionsFile), 20);
        if (model is SelfOrganizingMap map) SomPictures.SaveAll(map, data, runDirectory);
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

    /// <summary>Image shape of a sample: [C, H, W] as is, [D] as a square when D is a perfect square.</summary>
    public static long[]? ImageShapeOf(long[] sampleShape) => sampleShape.Length switch
    {
        3 => sampleShape,
        2 => [1, sampleShape[0], sampleShape[1]],
        1 when Math.Sqrt(sampleShape[0]) % 1 == 0 => [1, (long)Math.Sqrt(sampleShape[0]), (long)Math.Sqrt(sampleShape[0])],
        _ => null,
    };
}
