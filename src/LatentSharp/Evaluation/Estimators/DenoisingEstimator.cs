using System.ComponentModel;
using LatentSharp.Corruption;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>denoising</c>: corrupts the evaluated images with seeded noise, reconstructs them, and reports the
/// mean PSNR (dB) of the noisy images (<c>denoising.psnr_noisy</c>), of the reconstructions
/// (<c>denoising.psnr_denoised</c>) and their paired difference (<c>denoising.psnr_gain</c>), as
/// <see cref="DenoisingEvaluation"/> and <c>latent denoise</c> compute them. Each is an estimate of the
/// expected PSNR under the noise, with its standard error over images. The noise is written as for
/// <c>--noise</c>: <c>denoising:noise=gaussian:0.4</c>, <c>denoising:noise=masking:0.5+gaussian:0.1</c>.
/// </summary>
public sealed class DenoisingEstimator(DenoisingEstimator.Settings settings) : IEstimator
{
    // Images corrupted and reconstructed at once; fixed (not the evaluation's batch size) so that the
    // noise drawn, and so the figures, are the same whatever --batch-size is.
    const int BatchSize = 1000;

    /// <summary>The noise.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>The corruption, as <see cref="Corruptions.Parse"/> reads it (kind:level joined by +).</summary>
        [Description("Noise spec, kind:level joined by + (as latent denoise --noise)")]
        public string Noise { get; init; } = "gaussian:0.3";

        /// <inheritdoc />
        protected override void ValidateRelations()
        {
            try
            {
                if (Corruptions.Parse(Noise) is null) throw new FormatException("it is empty");
            }
            catch (FormatException e)
            {
                throw new InvalidOptionException(nameof(Noise), Noise,
                    $"a noise spec, kind:level joined by + (kinds: {string.Join(", ", Corruptions.KindNames)}); {e.Message.TrimEnd('.')}");
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var data = context.Data;
        if (data.Count == 0) throw new EstimatorException($"'denoising': '{data.Name}' has no samples.");
        CheckUnitRange(data, context.BatchSize);
        var corruption = Corruptions.Parse(settings.Noise)!;
        using var noGrad = no_grad();
        var score = DenoisingEvaluation.Evaluate((IReconstructor)model, data, corruption, context.Generator, BatchSize);
        return
        [
            Figure("denoising.psnr_noisy", score.NoisyPsnr, score.NoisyStandardError),
            Figure("denoising.psnr_denoised", score.DenoisedPsnr, score.DenoisedStandardError),
            Figure("denoising.psnr_gain", score.Gain, score.GainStandardError),
        ];
    }

    static MetricValue Figure(string metric, double value, double standardError) =>
        new(metric, value, MetricKind.Estimate, double.IsNaN(standardError) ? null : standardError, "dB");

    // PSNR takes 1 as the peak: images outside [0, 1] would be clipped silently and score nonsense.
    static void CheckUnitRange(IBatchSource data, int batchSize)
    {
        foreach (var (start, length) in BatchRanges.Of(data.Count, batchSize))
        {
            using var scope = NewDisposeScope();
            var (minimum, maximum) = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), CPU).Features.aminmax();
            double low = minimum.ToDouble(), high = maximum.ToDouble();
            if (low < 0 || high > 1)
                throw new EstimatorException($"'denoising' scores images in [0, 1] (PSNR with peak 1); '{data.Name}' has values in [{low:G4}, {high:G4}].");
        }
    }
}
