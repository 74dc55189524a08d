using LatentSharp.Layers.Priors;
using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.Variational;

/// <summary>
/// A VAE's own pictures (samples and reconstructions come from the defaults): latent traversals, and
/// for a 2-D code the decoded manifold. Positions along a code dimension are quantiles of the prior's
/// marginal, read off <see cref="QuantileSamples"/> prior samples drawn with <c>Generator(1)</c>.
/// </summary>
internal static class VariationalPictures
{
    public const string TraversalsFile = "traversals.png", ManifoldFile = "manifold.png";

    const int QuantileSamples = 20_000, TraversalSteps = 9, TraversedDimensions = 10, ManifoldSide = 20;

    public static IReadOnlyList<RunFile> Draw(VariationalAutoencoder model, PictureContext context)
    {
        if (ImageShapes.Of(model.InputShape) is not { } image) return [];
        using var scope = NewDisposeScope();
        var written = new List<RunFile>();
        var traversal = Quantiles(model.Prior, Enumerable.Range(0, TraversalSteps).Select(i => (i + 0.5) / TraversalSteps));   // [K, steps]
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
        {
            var grid = Quantiles(model.Prior, Enumerable.Range(0, ManifoldSide).Select(i => (i + 0.5) / ManifoldSide));   // [2, side]
            // Row r holds z2 at its (side − 1 − r)-th quantile (high at the top); column c holds z1 at its c-th.
            var z1 = grid[0].unsqueeze(0).expand(ManifoldSide, ManifoldSide);
            var z2 = grid[1].flip(0).unsqueeze(1).expand(ManifoldSide, ManifoldSide);
            var codes = stack([z1.reshape(-1), z2.reshape(-1)], 1);
            ImageGrid.Save(context.PathOf(ManifoldFile), model.Decode(codes).cpu(),
                new ImageGridOptions { Columns = ManifoldSide, Scale = 1, Gap = 0, ImageShape = image, Title = $"{model.Name}: decoded {ManifoldSide}×{ManifoldSide} grid over the prior's quantiles" });
            written.Add(new(ManifoldFile, $"decoded manifold: a {ManifoldSide}×{ManifoldSide} grid of codes at the prior's marginal quantiles", RunPictures.WrittenBy));
        }
        return written;
    }

    /// <summary>Marginal quantiles <c>[D, P]</c> of <paramref name="prior"/> at <paramref name="levels"/>, empirical from seeded samples.</summary>
    public static Tensor Quantiles(ILatentPrior prior, IEnumerable<double> levels)
    {
        using var generator = new Generator(1);
        var sorted = prior.Sample(QuantileSamples, generator).sort(0).Values;                     // [N, D]
        var index = tensor(levels.Select(p => (long)Math.Round(p * (QuantileSamples - 1))).ToArray());
        return sorted.index_select(0, index).t().contiguous();
    }
}
