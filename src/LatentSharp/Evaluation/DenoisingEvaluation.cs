using LatentSharp.Corruption;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// Scores a model as a denoiser: corrupts clean images, reconstructs the corrupted ones, and
/// compares both with the clean images by PSNR.
/// </summary>
public static class DenoisingEvaluation
{
    /// <summary>
    /// Corrupts <paramref name="clean"/> batch by batch with <paramref name="corruption"/> (drawing from
    /// <paramref name="generator"/>, so a seed fixes the noise), reconstructs with <paramref name="model"/>
    /// and returns the mean per-image PSNR of the corrupted and of the reconstructed images against the
    /// clean ones. The same generator state and batch size give the same corruption.
    /// </summary>
    /// <param name="model">The model; any <see cref="IReconstructor"/>.</param>
    /// <param name="clean">Clean images <c>[N, ...sample shape]</c> in [0, 1]; not modified.</param>
    /// <param name="corruption">The noise to apply.</param>
    /// <param name="generator">Random source of the noise.</param>
    /// <param name="batchSize">Images corrupted and reconstructed at once (memory bound).</param>
    /// <param name="onBatch">
    /// Optional: sees every batch as (start index, noisy, denoised), e.g. to keep the first images for a
    /// picture; the tensors are disposed after the call (clone what you keep).
    /// </param>
    public static DenoisingScore Evaluate(IReconstructor model, Tensor clean, ICorruption corruption, Generator generator,
        int batchSize = 1000, Action<long, Tensor, Tensor>? onBatch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(corruption);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long count = clean.shape[0];
        if (count == 0) throw new ArgumentException("There are no images to denoise.", nameof(clean));
        double noisySum = 0, denoisedSum = 0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = clean.narrow(0, start, Math.Min(batchSize, count - start));
            var noisy = corruption.Apply(batch, generator);
            var denoised = model.Reconstruct(noisy).to(batch.device);
            noisySum += ImageQuality.Psnr(noisy, batch).sum().item<double>();
            denoisedSum += ImageQuality.Psnr(denoised, batch).sum().item<double>();
            onBatch?.Invoke(start, noisy, denoised);
        }
        return new DenoisingScore(noisySum / count, denoisedSum / count, count);
    }
}
