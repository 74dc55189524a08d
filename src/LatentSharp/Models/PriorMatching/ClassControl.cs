using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// How far the class given to a conditional decoder controls the class of what it draws — the supervised
/// adversarial autoencoder's claim (Makhzani et al. 2015, §5) that the label carries the class and the
/// code only the style. Each image's code is decoded as every class c, and a classifier independent of
/// the model (e.g. <c>Evaluation.FashionMnistClassifier.Predict</c>) names the class of each decoded image:
/// <see cref="Accuracy"/> is the share named c. <see cref="OffLabelAccuracy"/> counts only c different
/// from the image's own class — the part a code that still carried the class would fail, since there the
/// code says one class and the label another.
/// </summary>
/// <param name="Images">Images whose codes were decoded (each as every class).</param>
/// <param name="Accuracy">Share of all decoded (image, class c) pairs classified as c.</param>
/// <param name="OffLabelAccuracy">The same share over pairs with c ≠ the image's own class.</param>
/// <param name="PerClass">For each requested class c, the share of decodes as c classified as c.</param>
public sealed record ClassControl(long Images, double Accuracy, double OffLabelAccuracy, IReadOnlyList<double> PerClass)
{
    const long ChunkImages = 256;

    /// <summary>Measures <paramref name="model"/>'s class control on <paramref name="images"/> with their <paramref name="labels"/>.</summary>
    /// <param name="model">A trained supervised adversarial autoencoder.</param>
    /// <param name="images">Images <c>[N, ...]</c> as the model reads them.</param>
    /// <param name="labels">Each image's own class <c>[N]</c> (int64), in [0, classes).</param>
    /// <param name="classify">Predicted classes <c>[B]</c> (int64) of decoded images <c>[B, ...]</c>.</param>
    public static ClassControl Measure(SupervisedAdversarialAutoencoder model, Tensor images, Tensor labels, Func<Tensor, Tensor> classify)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Measure(model.Encode, model.Decode, model.Options.Classes, images, labels, classify);
    }

    /// <summary>
    /// Measures class control for any conditional decoder: <paramref name="encode"/> maps images to codes,
    /// <paramref name="decode"/> maps codes <c>[B, d]</c> and classes <c>[B]</c> to images.
    /// </summary>
    /// <exception cref="ArgumentException">Labels do not match the images, or lie outside [0, <paramref name="classes"/>).</exception>
    public static ClassControl Measure(Func<Tensor, Tensor> encode, Func<Tensor, Tensor, Tensor> decode, int classes,
        Tensor images, Tensor labels, Func<Tensor, Tensor> classify)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        long count = images.shape[0];
        if (count == 0 || labels.dim() != 1 || labels.shape[0] != count)
            throw new ArgumentException($"Labels must be [{count}] (one per image, at least one image); got [{string.Join(", ", labels.shape)}].", nameof(labels));
        var own = labels.to(ScalarType.Int64).cpu();
        if (own.min().item<long>() < 0 || own.max().item<long>() >= classes)
            throw new ArgumentException($"Labels must lie in [0, {classes}).", nameof(labels));

        var hits = new long[classes];            // decodes as c classified as c
        long offLabelHits = 0;
        for (long start = 0; start < count; start += ChunkImages)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(ChunkImages, count - start);
            var codes = encode(images.narrow(0, start, length));
            var requested = arange(classes, dtype: ScalarType.Int64).repeat(length);              // image i's row: 0 … K−1
            var decoded = decode(codes.repeat_interleave(classes, dim: 0), requested);
            var named = classify(decoded).to(ScalarType.Int64).cpu();
            var hit = named.eq(requested).to(ScalarType.Int64);
            var offLabel = requested.ne(own.narrow(0, start, length).repeat_interleave(classes));
            offLabelHits += hit.mul(offLabel).sum().item<long>();
            var perClass = hit.reshape(length, classes).sum([0]).data<long>().ToArray();
            for (int c = 0; c < classes; c++) hits[c] += perClass[c];
        }
        return new ClassControl(count,
            (double)hits.Sum() / (count * classes),
            (double)offLabelHits / (count * (classes - 1)),
            hits.Select(h => (double)h / count).ToArray());
    }
}
