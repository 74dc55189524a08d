namespace LatentSharp.Models;

/// <summary>Stable metric names shared by every model, so curves and reports line up.</summary>
public static class MetricKeys
{
    /// <summary>The objective being minimised.</summary>
    public const string Loss = "loss";
    /// <summary>Reconstruction error (per sample, summed over its elements).</summary>
    public const string Reconstruction = "recon";
    /// <summary>KL divergence term.</summary>
    public const string KL = "kl";
    /// <summary>Maximum mean discrepancy.</summary>
    public const string Mmd = "mmd";
    /// <summary>SOM / k-means quantisation error.</summary>
    public const string QuantizationError = "quantization_error";
}
