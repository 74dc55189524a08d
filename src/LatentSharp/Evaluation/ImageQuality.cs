using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// Image-quality measures between a batch of images and their references.
/// </summary>
public static class ImageQuality
{
    /// <summary>
    /// The PSNR reported for identical images. Their MSE is 0 and the PSNR +∞; the MSE is floored at
    /// 10⁻¹⁰ so identical images score 100 dB and means over a set stay finite.
    /// </summary>
    public const double MaximumPsnr = 100;

    const double MinimumMse = 1e-10;

    /// <summary>
    /// Peak signal-to-noise ratio of each image against its reference, in dB:
    /// PSNR = 10·log10(1 / MSE) with peak 1, where MSE is the mean squared difference over the image's
    /// elements after clipping both images to [0, 1]. Capped at <see cref="MaximumPsnr"/>.
    /// </summary>
    /// <param name="images">Images <c>[B, ...]</c> (any per-image shape, e.g. <c>[B, C, H, W]</c> or <c>[B, D]</c>) scaled to [0, 1].</param>
    /// <param name="references">Clean references with the same number of elements per image.</param>
    /// <returns>PSNR per image, <c>[B]</c> float64 on the input's device.</returns>
    /// <exception cref="ArgumentException">The batch sizes or per-image sizes differ, or the batch is empty.</exception>
    public static Tensor Psnr(Tensor images, Tensor references)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(references);
        if (images.dim() < 1 || references.dim() < 1 || images.shape[0] != references.shape[0] || images.shape[0] == 0
            || images.numel() != references.numel())
            throw new ArgumentException(
                $"PSNR needs two non-empty batches of equal size and image size; got [{string.Join(", ", images.shape)}] and [{string.Join(", ", references.shape)}].",
                nameof(images));
        using var scope = NewDisposeScope();
        long batch = images.shape[0];
        var a = images.detach().to(ScalarType.Float64).reshape(batch, -1).clamp(0, 1);
        var b = references.detach().to(ScalarType.Float64, images.device).reshape(batch, -1).clamp(0, 1);
        var mse = (a - b).square().mean([1]).clamp_min(MinimumMse);
        return (-10 * mse.log10()).MoveToOuterDisposeScope();
    }

    /// <summary>The mean over images of <see cref="Psnr"/>, in dB.</summary>
    public static double MeanPsnr(Tensor images, Tensor references)
    {
        using var psnr = Psnr(images, references);
        using var mean = psnr.mean();
        return mean.item<double>();
    }
}
