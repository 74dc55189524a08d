using LatentSharp.Layers.Priors;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>
/// The decoded manifold of a model with a 2-D code (Kingma &amp; Welling 2014, fig. 4; Makhzani et al.
/// 2015): a grid of codes at the prior's marginal quantiles, each decoded to an image. Quantiles are read
/// off <see cref="QuantileSamples"/> prior samples drawn with <c>Generator(1)</c>, so any prior that can
/// be sampled has them, and the picture is reproducible. Shared by every family that decodes a prior.
/// </summary>
public static class DecodedManifold
{
    /// <summary>The picture's file name.</summary>
    public const string FileName = "manifold.png";

    /// <summary>Codes per side of the grid.</summary>
    public const int Side = 20;

    const int QuantileSamples = 20_000;

    /// <summary>
    /// Decodes a <see cref="Side"/>×<see cref="Side"/> grid over the marginal quantiles of the 2-D
    /// <paramref name="prior"/> with <paramref name="decode"/> (codes <c>[N, 2]</c> → samples <c>[N, ...]</c>)
    /// and saves it to <paramref name="path"/> as images of <paramref name="imageShape"/>.
    /// Row r holds z2 at its (Side − 1 − r)-th level (high at the top); column c holds z1 at its c-th.
    /// </summary>
    public static RunFile Draw(string path, string modelName, ILatentPrior prior, Func<Tensor, Tensor> decode, long[] imageShape)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(decode);
        if (prior.Dimensions != 2) throw new ArgumentException($"The decoded manifold needs a 2-D prior; '{prior.Spec}' has {prior.Dimensions} dimensions.", nameof(prior));
        using var scope = NewDisposeScope();
        var grid = Quantiles(prior, Enumerable.Range(0, Side).Select(i => (i + 0.5) / Side));   // [2, side]
        var z1 = grid[0].unsqueeze(0).expand(Side, Side);
        var z2 = grid[1].flip(0).unsqueeze(1).expand(Side, Side);
        var codes = stack([z1.reshape(-1), z2.reshape(-1)], 1);
        ImageGrid.Save(path, decode(codes).cpu(),
            new ImageGridOptions { Columns = Side, Scale = 1, Gap = 0, ImageShape = imageShape, Title = $"{modelName}: decoded {Side}×{Side} grid over the prior's quantiles" });
        return new(Path.GetFileName(path), $"decoded manifold: a {Side}×{Side} grid of codes at the prior's marginal quantiles", RunPictures.WrittenBy);
    }

    /// <summary>Marginal quantiles <c>[D, P]</c> of <paramref name="prior"/> at <paramref name="levels"/>, empirical from seeded samples.</summary>
    public static Tensor Quantiles(ILatentPrior prior, IEnumerable<double> levels)
    {
        ArgumentNullException.ThrowIfNull(prior);
        using var generator = new Generator(1);
        var sorted = prior.Sample(QuantileSamples, generator).sort(0).Values;                     // [N, D]
        var index = tensor(levels.Select(p => (long)Math.Round(p * (QuantileSamples - 1))).ToArray());
        return sorted.index_select(0, index).t().contiguous();
    }
}
