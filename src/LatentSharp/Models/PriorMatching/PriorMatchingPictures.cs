using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// The pictures of an autoencoder matched to a prior, for a 2-D code: the codes of the data (coloured by
/// label) drawn over samples of the prior — what the penalty is meant to achieve, seen at once — in place
/// of the default <see cref="RunPictures.LatentFile"/>, and the decoded manifold over the prior's quantiles.
/// </summary>
internal static class PriorMatchingPictures
{
    const int ScatterCount = 5000;

    public static IReadOnlyList<RunFile> Draw<TOptions>(PriorMatchingAutoencoder<TOptions> model, PictureContext context)
        where TOptions : PriorMatchingOptions
    {
        if (model.CodeSize != 2) return [];
        var written = new List<RunFile> { DrawCodesOverPrior(model, context) };
        if (ImageShapes.Of(model.InputShape) is { } image)
            written.Add(DecodedManifold.Draw(context.PathOf(DecodedManifold.FileName), model.Name, model.Prior, codes => model.Decode(codes), image));
        return written;
    }

    public static RunFile DrawCodesOverPrior<TOptions>(PriorMatchingAutoencoder<TOptions> model, PictureContext context)
        where TOptions : PriorMatchingOptions
    {
        using var scope = NewDisposeScope();
        var data = context.Data;
        long count = Math.Min(ScatterCount, data.Count);
        var codes = model.Encode(data.Features.narrow(0, 0, count)).cpu();
        using var random = new Generator(RunPictures.SampleSeed);
        var prior = model.Prior.Sample(ScatterCount, random);
        ScatterPlot.SaveLatentScatter(context.PathOf(RunPictures.LatentFile), codes, data.Labels?.narrow(0, 0, count), data.ClassNames,
            $"{model.Name}: 2-D codes of {count} samples over {ScatterCount} prior samples ({model.Prior.Spec})", background: prior, backgroundName: "prior");
        return new(RunPictures.LatentFile, $"2-D codes of up to {ScatterCount} samples of {data.Name}, coloured by label, over {ScatterCount} samples of the prior {model.Prior.Spec} (grey)", RunPictures.WrittenBy);
    }
}
