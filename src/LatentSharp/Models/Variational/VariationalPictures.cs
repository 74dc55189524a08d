using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.Variational;

/// <summary>
/// A VAE's own pictures (samples and reconstructions come from the defaults): latent traversals, and
/// for a 2-D code the decoded manifold (<see cref="DecodedManifold"/>). Positions along a code dimension
/// are quantiles of the prior's marginal (<see cref="DecodedManifold.Quantiles"/>).
/// </summary>
internal static class VariationalPictures
{
    public const string TraversalsFile = "traversals.png";

    const int TraversalSteps = 9, TraversedDimensions = 10;

    public static IReadOnlyList<RunFile> Draw(VariationalAutoencoder model, PictureContext context)
    {
        if (ImageShapes.Of(model.InputShape) is not { } image) return [];
        using var scope = NewDisposeScope();
        var written = new List<RunFile>();
        var traversal = DecodedManifold.Quantiles(model.Prior, Enumerable.Range(0, TraversalSteps).Select(i => (i + 0.5) / TraversalSteps));   // [K, steps]
        int dimensions = (int)Math.Min(model.CodeSize, TraversedDimensions);
        var rows = new List<(string, Tensor)>();
        for (int d = 0; d < dimensions; d++)
        {
            var codes = zeros(TraversalSteps, model.CodeSize);
            codes[TensorIndex.Colon, d] = traversal[d];
            rows.Add(($"z{d + 1}", model.Decode(codes).cpu()));
        }
        ImageGrid.SaveRows(context.PathOf(TraversalsFile), rows, new ImageGridOptions { Columns = TraversalSteps, ImageShape = image, Title = $"{model.Name}: one code dimension at a time" });
        written.Add(new(TraversalsFile, $"decoded codes varying one of the first {dimensions} dimensions over the prior's quantiles {1.0 / (2 * TraversalSteps):0.##}…{1 - 1.0 / (2 * TraversalSteps):0.##}, the others at 0", RunPictures.WrittenBy));
        if (model.CodeSize == 2)
            written.Add(DecodedManifold.Draw(context.PathOf(DecodedManifold.FileName), model.Name, model.Prior, model.Decode, image));
        return written;
    }
}
