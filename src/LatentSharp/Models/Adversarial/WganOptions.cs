using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LatentSharp.Models.Adversarial;

/// <summary>
/// Options of <see cref="WassersteinGan"/>. The catalogue's defaults are the paper's
/// (Arjovsky et al. 2017, https://arxiv.org/abs/1701.07875, Algorithm 1): RMSprop with learning
/// rate 5e-5 for both networks, clip c = 0.01, n_critic = 5.
/// </summary>
public sealed record WganOptions : AdversarialOptions
{
    /// <summary>Critic steps before each generator step (n_critic).</summary>
    [Description("Critic steps per generator step (n_critic)")]
    [Range(1, 100)]
    public int CriticSteps { get; init; } = 5;

    /// <summary>Every critic weight is clipped to [−c, c] after each critic step (so the critic is K-Lipschitz for some K set by c).</summary>
    [Description("Weight clip c: critic weights are clipped to [-c, c] after every critic step")]
    [Range(1e-6, 10.0)]
    public double Clip { get; init; } = 0.01;
}
