using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>What kind of number a log-likelihood figure is.</summary>
public enum DensityKind
{
    /// <summary>The exact log-likelihood (NADE, PixelRNN, FVSBN).</summary>
    Exact,
    /// <summary>A lower bound (ELBO, IWAE-k).</summary>
    Bound,
    /// <summary>A stochastic estimate with an error bar (AIS, Parzen window).</summary>
    Estimate,
}

/// <summary>Per-sample log-likelihoods and what they are.</summary>
/// <param name="LogLikelihood">Nats per sample, <c>[B]</c>.</param>
/// <param name="Kind">Exact, bound or estimate.</param>
/// <param name="StandardError">For estimates, the standard error of the mean; otherwise null.</param>
public sealed record DensityEstimate(Tensor LogLikelihood, DensityKind Kind, double? StandardError = null);

/// <summary>A model that scores data under its density.</summary>
public interface IDensityModel : IModel
{
    /// <summary>Scores <c>[B, ...input shape]</c>.</summary>
    DensityEstimate LogLikelihood(Tensor input);
}
