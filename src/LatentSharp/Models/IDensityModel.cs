using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>Per-sample log-likelihoods and what kind of number they are.</summary>
/// <param name="LogLikelihood">log p(x) in nats per sample, <c>[B]</c> (higher is better; see <see cref="Evaluation.Estimators.DensityUnits"/> for bits per dimension).</param>
/// <param name="Kind">
/// <see cref="MetricKind.Exact"/> (NADE, PixelRNN, FVSBN), <see cref="MetricKind.Bound"/> (a lower bound:
/// ELBO, IWAE-k), <see cref="MetricKind.Estimate"/> (AIS, Parzen window; give <paramref name="StandardError"/>)
/// or <see cref="MetricKind.Proxy"/> (e.g. pseudo-likelihood).
/// </param>
/// <param name="StandardError">For estimates, the standard error of the batch mean in nats; otherwise null.</param>
public sealed record DensityEstimate(Tensor LogLikelihood, MetricKind Kind, double? StandardError = null);

/// <summary>A model that scores data under its density.</summary>
public interface IDensityModel : IModel
{
    /// <summary>Scores <c>[B, ...input shape]</c>.</summary>
    DensityEstimate LogLikelihood(Tensor input);
}
