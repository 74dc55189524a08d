namespace LatentSharp.Models.Variational;

/// <summary>The VAE decoder's distribution p(x | z).</summary>
public enum DecoderLikelihood
{
    /// <summary>Independent Bernoullis with logits from the decoder (BCE); data in [0, 1], ideally binary.</summary>
    Bernoulli,
    /// <summary>Independent Gaussians N(μ(z), σ²) with one σ for every input value, fixed or learned (real data).</summary>
    Gaussian,
}
