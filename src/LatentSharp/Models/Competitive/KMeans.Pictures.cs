using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

// k-means' own picture: the centroids, each titled with its cluster index and how many samples it holds.
public sealed partial class KMeans
{
    /// <summary>File name of the centroid picture.</summary>
    public const string CentroidsFile = "centroids.png";

    /// <summary>
    /// Draws the centroids as images (<see cref="CentroidsFile"/>) when samples are images, each captioned
    /// <c>#i n=N</c>: its cluster index (as <see cref="Predict"/> numbers them) and the number of samples
    /// of the picture's data (usually the test split) nearest to it. Centroids of data outside [0, 1]
    /// (whitened patches) are drawn each on its own gray scale.
    /// </summary>
    public IReadOnlyList<RunFile> DrawPictures(PictureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ImageShapes.Of(InputShape) is not { } shape) return [];
        var sizes = ClusterSizes(context.Data.Features);
        using (var centroids = _centroids.detach().cpu())
        {
            var options = new ImageGridOptions
            {
                Columns = 10,
                Scale = ImageShapes.ReadableScale(shape, 84),
                ImageShape = shape,
                Normalize = ImageShapes.NormalizationFor(centroids),
                Captions = CentroidCaptions(sizes),
                Title = $"{Options.Clusters} centroids: #cluster, n = samples of {context.Data.Name} nearest",
            };
            ImageGrid.Save(context.PathOf(CentroidsFile), centroids, options);
        }
        return [new(CentroidsFile, $"the {Options.Clusters} centroids as images, titled with cluster index and size on {context.Data.Name}", Name)];
    }

    /// <summary>How many samples of <paramref name="input"/> <c>[N, ...input shape]</c> are nearest to each centroid: <c>k</c> counts.</summary>
    public long[] ClusterSizes(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        return bincount(Predict(input), minlength: Options.Clusters).cpu().data<long>().ToArray();
    }

    /// <summary>One caption per centroid: <c>#index n=size</c>.</summary>
    internal static IReadOnlyList<string> CentroidCaptions(IReadOnlyList<long> sizes) =>
        sizes.Select((size, index) => $"#{index} n={size}").ToList();
}
