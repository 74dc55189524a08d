using LatentSharp.Data;

namespace LatentSharp.Visualization;

/// <summary>Where and from what a model's pictures are drawn.</summary>
/// <param name="Directory">The folder to write into (a run folder).</param>
/// <param name="Data">Samples for pictures that need data (reconstructions, hit maps, scatter): usually the test split.</param>
public sealed record PictureContext(string Directory, Dataset Data)
{
    /// <summary>The image shape <c>[C, H, W]</c> of one sample, or null when samples are not images (<see cref="ImageShapes.Of"/>).</summary>
    public long[]? ImageShape { get; } = ImageShapes.Of(Data.SampleShape);

    /// <summary>Full path of <paramref name="fileName"/> in <see cref="Directory"/>.</summary>
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);
}
