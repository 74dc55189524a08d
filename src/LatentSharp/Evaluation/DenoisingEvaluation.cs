using LatentSharp.Corruption;
using LatentSharp.Data;
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
        ArgumentNullException.ThrowIfNull(clean);
        long count = clean.shape[0];
        return Evaluate(model, count, (start, length) => clean.narrow(0, start, length), corruption, generator, batchSize, onBatch);
    }

    /// <summary>
    /// As <see cref="Evaluate(IReconstructor, Tensor, ICorruption, Generator, int, Action{long, Tensor, Tensor}?)"/>
    /// on the images of <paramref name="clean"/>, read batch by batch onto the model's device.
    /// </summary>
    public static DenoisingScore Evaluate(IReconstructor model, IBatchSource clean, ICorruption corruption, Generator generator, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clean);
        return Evaluate(model, clean.Count,
            (start, length) => clean.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), model.Device).Features,
            corruption, generator, batchSize, null);
    }

    static DenoisingScore Evaluate(IReconstructor model, long count, Func<long, long, Tensor> read, ICorruption corruption, Generator generator,
        int batchSize, Action<long, Tensor, Tensor>? onBatch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corruption);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (count == 0) throw new ArgumentException("There are no images to denoise.", nameof(count));
        // Sums and sums of squares of the per-image PSNRs (noisy, denoised, gain), for means and standard errors.
        var sums = new double[3];
        var squares = new double[3];
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = read(start, Math.Min(batchSize, count - start));
            var noisy = corruption.Apply(batch, generator);
            var denoised = model.Reconstruct(noisy).to(batch.device);
            var noisyPsnr = ImageQuality.Psnr(noisy, batch);
            var denoisedPsnr = ImageQuality.Psnr(denoised, batch);
            Tensor[] figures = [noisyPsnr, denoisedPsnr, denoisedPsnr - noisyPsnr];
            for (int i = 0; i < figures.Length; i++)
            {
                sums[i] += figures[i].sum().item<double>();
                squares[i] += figures[i].square().sum().item<double>();
            }
            onBatch?.Invoke(start, noisy, denoised);
        }
        double StandardError(int i)
        {
            if (count < 2) return double.NaN;
            double mean = sums[i] / count;
            double variance = Math.Max(0, (squares[i] - count * mean * mean) / (count - 1));
            return Math.Sqrt(variance / count);
        }
        return new DenoisingScore(sums[0] / count, sums[1] / count, count)
        {
            NoisyStandardError = StandardError(0),
            DenoisedStandardError = StandardError(1),
            GainStandardError = StandardError(2),
        };
    }
}
