using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LatentSharp.Models.Adversarial;

/// <summary>
/// Options of <see cref="GenerativeAdversarialNetwork"/>. The catalogue's defaults follow DCGAN
/// (Radford et al. 2016): Adam with learning rate 2e-4 and β₁ = 0.5 for both networks.
/// </summary>
public sealed record GanOptions : AdversarialOptions
{
    /// <summary>Discriminator steps before each generator step (Goodfellow et al.'s k; 1 is usual).</summary>
    [Description("Discriminator steps per generator step (k)")]
    [Range(1, 100)]
    public int DiscriminatorSteps { get; init; } = 1;
}
