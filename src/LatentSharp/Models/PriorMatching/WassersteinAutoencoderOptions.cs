using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers.Kernels;
using LatentSharp.Options;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// Options of <see cref="WassersteinAutoencoder"/>: the penalty (GAN or MMD), its weight λ, and the MMD's
/// kernel. The WAE paper's MNIST settings (Tolstikhin et al. 2018): λ = 1 for WAE-GAN, λ = 10 for WAE-MMD,
/// the IMQ kernel with C = 2·d_z·σ²_z, Adam 1e-3 for the autoencoder and 5e-4 for D_Z.
/// </summary>
public sealed record WassersteinAutoencoderOptions : PriorMatchingOptions
{
    /// <summary>The code-space penalty D_Z(q(z), p(z)).</summary>
    [Description("Code-space penalty: gan (code discriminator, WAE-GAN) or mmd (WAE-MMD)")]
    public CodePenalty Penalty { get; init; } = CodePenalty.Mmd;

    /// <summary>λ: the objective is cost + λ·penalty.</summary>
    [Description("Weight lambda of the penalty: loss = cost + lambda * penalty")]
    [Range(0.0, 1e6)]
    public double Lambda { get; init; } = 10;

    /// <summary>The MMD penalty's kernel.</summary>
    [Description("MMD kernel: imq (C/(C + d^2), the paper's) or rbf (exp(-d^2/(2C)))")]
    public MmdKernelKind Kernel { get; init; } = MmdKernelKind.Imq;

    /// <summary>The kernel's scale C; 0 takes the paper's C = 2·d_z·σ²_z, σ²_z the prior's variance per coordinate.</summary>
    [Description("MMD kernel scale C; 0 = the paper's 2 * code size * prior variance per coordinate")]
    [Range(0.0, 1e9)]
    public double KernelScale { get; init; }

    /// <summary>The MMD² estimate: unbiased (the paper's U-statistic) or biased (V-statistic).</summary>
    [Description("MMD estimate: unbiased (the paper's U-statistic) or biased")]
    public MmdStatistic Statistic { get; init; } = MmdStatistic.Unbiased;
}
