using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers;
using LatentSharp.Layers.Priors;
using LatentSharp.Options;

namespace LatentSharp.Models.Variational;

/// <summary>Hyper-parameters every variational autoencoder shares, whatever its encoder and decoder.</summary>
public abstract record VariationalAutoencoderOptionsBase : GradientModelOptions
{
    /// <summary>Size of the latent code z.</summary>
    [Description("Latent code size")]
    [Range(1, 100_000)]
    public int CodeSize { get; init; } = 32;

    /// <summary>Non-linearity between hidden layers.</summary>
    [Description("Hidden activation: relu, leaky-relu, sigmoid, tanh, elu, gelu, linear")]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>The decoder's distribution p(x | z).</summary>
    [Description("Decoder likelihood: bernoulli (binary data in [0,1], BCE on logits) or gaussian (real data)")]
    public DecoderLikelihood Likelihood { get; init; } = DecoderLikelihood.Bernoulli;

    /// <summary>σ of the Gaussian decoder: fixed, or the starting value when <see cref="LearnDecoderStd"/> is set.</summary>
    [Description("Gaussian decoder's standard deviation (fixed, or the start when learned)")]
    [Range(1e-4, 1e4)]
    public double DecoderStd { get; init; } = 1.0;

    /// <summary>Learn one σ per input value (shared by every sample) instead of keeping <see cref="DecoderStd"/> fixed.</summary>
    [Description("Learn the Gaussian decoder's standard deviation, one per input value")]
    public bool LearnDecoderStd { get; init; }

    /// <summary>
    /// Weight β of the KL term (β-VAE; 1 is the ELBO). A schedule gives KL warm-up, e.g.
    /// <c>linear:0->1</c> or <c>1,warmup=1000</c> (Bowman et al. 2016).
    /// </summary>
    [Description("Weight beta of the KL term; a schedule gives KL warm-up, e.g. linear:0->1")]
    [Range(0.0, 1e4)]
    public Schedule Beta { get; init; } = 1.0;

    /// <summary>The prior p(z), one with a density (<see cref="LatentPriors.Grammar"/>): gaussian (analytic KL) or mixture (one-sample KL).</summary>
    [Description("Prior p(z) with a density: gaussian (analytic KL) or mixture:K,radius=R,std=S (one-sample KL)")]
    public string Prior { get; init; } = "gaussian";

    /// <summary>Binarise inputs at 0.5 (fixed, not resampled) everywhere the model reads data.</summary>
    [Description("Binarise inputs at 0.5 (fixed threshold, not resampled)")]
    public bool Binarize { get; init; }

    /// <summary>The prior over <see cref="CodeSize"/> dimensions, refused with the reason when the VAE cannot use it.</summary>
    /// <exception cref="InvalidOptionException">Unparseable, sampling-only, or with bounded support.</exception>
    public IDensityPrior CreatePrior()
    {
        ILatentPrior prior;
        try { prior = LatentPriors.Parse(Prior, CodeSize); }
        catch (FormatException e) { throw new InvalidOptionException(nameof(Prior), Prior, $"a prior with a density ({e.Message})"); }
        if (prior is not IDensityPrior density)
            throw new InvalidOptionException(nameof(Prior), Prior,
                "a prior with a density (gaussian or mixture): the VAE back-propagates through KL(q(z|x) || p(z)), so log p(z) must be written down; " +
                $"'{prior.Spec}' can only be sampled (an adversarial autoencoder accepts it)");
        if (!density.HasFullSupport)
            throw new InvalidOptionException(nameof(Prior), Prior,
                $"a prior positive on all of R^D (gaussian or mixture): '{prior.Spec}' has bounded support, and a Gaussian posterior puts mass outside it, so the KL term is infinite");
        return density;
    }

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        _ = CreatePrior();
        if (Likelihood == DecoderLikelihood.Bernoulli && LearnDecoderStd)
            throw new InvalidOptionException(nameof(LearnDecoderStd), LearnDecoderStd, "false with the bernoulli likelihood (only the gaussian decoder has a standard deviation)");
    }
}
