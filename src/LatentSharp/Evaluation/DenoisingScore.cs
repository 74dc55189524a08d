namespace LatentSharp.Evaluation;

/// <summary>How much a model cleans corrupted images: mean PSNR (dB, see <see cref="ImageQuality.Psnr"/>) against the clean images.</summary>
/// <param name="NoisyPsnr">Mean PSNR of the corrupted inputs.</param>
/// <param name="DenoisedPsnr">Mean PSNR of the model's reconstructions of the corrupted inputs.</param>
/// <param name="Count">Number of images scored.</param>
public sealed record DenoisingScore(double NoisyPsnr, double DenoisedPsnr, long Count)
{
    /// <summary>Denoised minus noisy PSNR, in dB: what the model gained.</summary>
    public double Gain => DenoisedPsnr - NoisyPsnr;

    /// <summary>Standard error of <see cref="NoisyPsnr"/> over images (sample standard deviation / √Count); NaN for one image.</summary>
    public double NoisyStandardError { get; init; } = double.NaN;

    /// <summary>Standard error of <see cref="DenoisedPsnr"/> over images; NaN for one image.</summary>
    public double DenoisedStandardError { get; init; } = double.NaN;

    /// <summary>Standard error of <see cref="Gain"/> (of the per-image gains, which are paired); NaN for one image.</summary>
    public double GainStandardError { get; init; } = double.NaN;
}
