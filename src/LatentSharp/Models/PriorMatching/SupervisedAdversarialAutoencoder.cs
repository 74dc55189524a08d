using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// The supervised adversarial autoencoder (Makhzani et al. 2015, §5, fig. 8): the decoder is given the
/// one-hot class beside the code, so the code, matched to the prior, need not carry the class and keeps
/// the style. Trained like <see cref="AdversarialAutoencoderBase"/>, on labelled data only; with
/// <see cref="AdversarialAutoencoderOptions.MatchEachClass"/> (the catalogue's default, not the paper's) the
/// code discriminator reads the class too, so each class's codes are matched to the prior.
/// It cannot reconstruct from an image alone, so it is not an <see cref="IReconstructor"/>: use
/// <see cref="Reconstruct(Tensor, Tensor)"/> with labels. Samples draw a class uniformly per sample.
/// Its pictures: <c>styles.png</c> (each row one sample's code decoded as every class), reconstructions
/// with the data's labels, and for a 2-D code the codes over the prior.
/// </summary>
public sealed class SupervisedAdversarialAutoencoder : AdversarialAutoencoderBase
{
    /// <summary>The style-by-class picture.</summary>
    public const string StylesFile = "styles.png";

    const int StyleRows = 10, ReconstructionCount = 20;

    /// <summary>Builds the networks (the decoder reads code and one-hot class) and their three optimisers.</summary>
    /// <exception cref="InvalidOptionException">The label-conditioned prior is asked for (the code should not carry the class).</exception>
    public SupervisedAdversarialAutoencoder(string name, AdversarialAutoencoderOptions options, long[] inputShape, Device device)
        : base(name, Refuse(options), inputShape, device, decoderConditionSize: options.Classes,
            discriminatorConditionSize: options.MatchEachClass ? options.Classes : 0)
    {
    }

    static AdversarialAutoencoderOptions Refuse(AdversarialAutoencoderOptions options) => options.LabelConditionedPrior
        ? throw new InvalidOptionException(nameof(options.LabelConditionedPrior), true, "false for the supervised variant (its decoder gets the class, so the code should carry style only)")
        : options;

    /// <inheritdoc />
    protected override bool NeedsLabels => true;

    /// <summary>The decoder's output at each sample's code and its class <paramref name="labels"/> <c>[B]</c> (int64), <c>[B, ...input shape]</c>.</summary>
    public Tensor Reconstruct(Tensor input, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 1 || labels.shape[0] != input.shape[0])
            throw new ArgumentException($"Labels must be [{input.shape[0]}] to match the input; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        long offset = 0;
        return ReconstructThroughMean(input, x =>
        {
            var condition = OneHot(labels.narrow(0, offset, x.shape[0]).to(Device));
            offset += x.shape[0];
            return condition;
        });
    }

    /// <summary>Decodes codes <c>[B, CodeSize]</c> as classes <paramref name="labels"/> <c>[B]</c>, <c>[B, ...input shape]</c>.</summary>
    public Tensor Decode(Tensor codes, Tensor labels) => DecodeWith(codes, OneHot(labels.to(Device)));

    /// <summary>Refused: the decoder needs a class for every code (<see cref="Decode(Tensor, Tensor)"/>).</summary>
    public override Tensor Decode(Tensor codes) =>
        throw new InvalidOperationException($"{Name} decodes a code together with a class: call Decode(codes, labels).");

    /// <inheritdoc />
    protected override Tensor? DecoderCondition(Batch batch) =>
        OneHot(batch.Labels ?? throw new InvalidOperationException($"{Name} needs labelled batches (CheckData refuses data without labels)."));

    /// <summary>With <see cref="AdversarialAutoencoderOptions.MatchEachClass"/>, the discriminator reads each code's one-hot class, and prior samples get the same classes.</summary>
    protected override (Tensor? Condition, Tensor PriorCodes) Regularisation(Batch batch, Tensor x, Generator generator) =>
        Options.MatchEachClass ? (DecoderCondition(batch), PriorCodes(x.shape[0], generator)) : base.Regularisation(batch, x, generator);

    /// <inheritdoc />
    protected override Tensor? SampleCondition(long count, Generator generator) =>
        OneHot(randint(Options.Classes, [count], generator: generator, device: generator.device).to(Device));

    /// <summary>Styles across classes, reconstructions with the data's labels, and (2-D) the codes over the prior.</summary>
    public override IReadOnlyList<RunFile> DrawPictures(PictureContext context)
    {
        var written = new List<RunFile>();
        if (CodeSize == 2) written.Add(PriorMatchingPictures.DrawCodesOverPrior(this, context));
        if (ImageShapes.Of(InputShape) is not { } image || context.Data.Labels is not { } labels) return written;
        using var scope = NewDisposeScope();
        long rows = Math.Min(StyleRows, context.Data.Count);
        var codes = Encode(context.Data.Features.narrow(0, 0, rows));                                          // [R, K]
        var classes = arange(Options.Classes, dtype: ScalarType.Int64);
        var grid = Decode(codes.repeat_interleave(Options.Classes, dim: 0), classes.repeat(rows)).cpu();        // row r: code r as every class
        ImageGrid.Save(context.PathOf(StylesFile), grid, new ImageGridOptions { Columns = Options.Classes, ImageShape = image, Title = $"{Name}: each row one image's code (style) decoded as every class" });
        written.Add(new(StylesFile, $"the codes of the first {rows} samples of {context.Data.Name} (one per row) decoded with each of the {Options.Classes} classes (columns)", RunPictures.WrittenBy));
        long count = Math.Min(ReconstructionCount, context.Data.Count);
        var originals = context.Data.Features.narrow(0, 0, count);
        var reconstructions = Reconstruct(originals, labels.narrow(0, 0, count)).cpu();
        ImageGrid.SaveRows(context.PathOf(RunPictures.ReconstructionsFile), [("original", originals), ("reconstruction", reconstructions)], new ImageGridOptions { Columns = 10, ImageShape = image });
        written.Add(new(RunPictures.ReconstructionsFile, $"first {count} samples of {context.Data.Name} above their reconstructions (decoded with their own labels)", RunPictures.WrittenBy));
        return written;
    }

    Tensor OneHot(Tensor labels) => ClassLabels.OneHot(labels, Options.Classes);
}
