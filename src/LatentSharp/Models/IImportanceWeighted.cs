using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// A latent-variable model with a proposal q(z | x): it gives importance log-weights
/// log w_i = log p(x, z_i) − log q(z_i | x) for z_i ~ q(· | x), from which the IWAE-k bound
/// log (1/k) Σ_i w_i ≤ log p(x) follows (Burda et al. 2016, https://arxiv.org/abs/1509.00519).
/// </summary>
public interface IImportanceWeighted : IModel
{
    /// <summary>
    /// log w for <paramref name="samples"/> codes per input, <c>[B, samples]</c> (float64), drawn from
    /// <paramref name="generator"/> only, without gradient, in evaluation mode.
    /// </summary>
    /// <param name="input">Samples <c>[B, ...input shape]</c>.</param>
    /// <param name="samples">k ≥ 1 codes per input.</param>
    /// <param name="generator">The random source.</param>
    Tensor LogImportanceWeights(Tensor input, int samples, Generator generator);
}
