using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers;
using LatentSharp.Options;

namespace LatentSharp.Models.Adversarial;

/// <summary>The generator's input distribution p(z).</summary>
public enum NoiseDistribution
{
    /// <summary>Standard Gaussian N(0, I).</summary>
    Gaussian,
    /// <summary>Uniform on [−1, 1] per dimension.</summary>
    Uniform,
}

/// <summary>How the generator and the discriminator (or critic) are built.</summary>
public enum AdversarialArchitecture
{
    /// <summary>Fully connected networks on flattened samples.</summary>
    Dense,
    /// <summary>DCGAN-style (Radford et al. 2016): strided convolutions with batch norm; needs image samples [C, H, W].</summary>
    Convolutional,
}

/// <summary>
/// Hyper-parameters every generator-versus-discriminator model shares (<see cref="GenerativeAdversarialNetwork"/>,
/// <see cref="WassersteinGan"/>). Both networks' optimisers are built from the shared optimiser options
/// (<see cref="GradientModelOptions.MainOptimizer"/>): one spec, two optimisers over disjoint parameters.
/// </summary>
public abstract record AdversarialOptions : GradientModelOptions
{
    /// <summary>Size of the generator's noise input z.</summary>
    [Description("Size of the generator's noise input z")]
    [Range(1, 100_000)]
    public int NoiseSize { get; init; } = 64;

    /// <summary>The noise distribution p(z).</summary>
    [Description("Noise distribution p(z): gaussian (N(0, I)) or uniform ([-1, 1])")]
    public NoiseDistribution NoiseDistribution { get; init; } = NoiseDistribution.Gaussian;

    /// <summary>Dense or DCGAN-style convolutional networks.</summary>
    [Description("Networks: dense, or convolutional (DCGAN-style; image samples only)")]
    public AdversarialArchitecture Architecture { get; init; } = AdversarialArchitecture.Dense;

    /// <summary>Hidden sizes of the dense generator, from the noise up.</summary>
    [Description("Dense generator hidden sizes, comma-separated, from the noise up")]
    public int[] GeneratorHiddenSizes { get; init; } = [256, 512];

    /// <summary>Hidden sizes of the dense discriminator (critic), from the sample down.</summary>
    [Description("Dense discriminator/critic hidden sizes, comma-separated, from the sample down")]
    public int[] DiscriminatorHiddenSizes { get; init; } = [512, 256];

    /// <summary>Channels of the convolutional discriminator's strided convolutions; the generator mirrors them.</summary>
    [Description("Convolutional: channels of each stride-2 convolution of the discriminator (the generator mirrors them)")]
    public int[] Channels { get; init; } = [64, 128];

    /// <summary>Kernel size of every (transposed) convolution; padding is (k − 1) / 2.</summary>
    [Description("Convolutional: kernel size (DCGAN: 4)")]
    [Range(2, 9)]
    public int KernelSize { get; init; } = 4;

    /// <summary>Batch norm in the convolutional networks (generator: every layer but the output; discriminator: every layer but the first).</summary>
    [Description("Convolutional: batch norm in generator and discriminator (DCGAN)")]
    public bool BatchNorm { get; init; } = true;

    /// <summary>
    /// Convolutional: compute the strided convolutions of D and the transposed convolutions of G by columns
    /// (unfold/fold and one product) rather than with libtorch's native kernels. Same weights and state names
    /// either way, so a run may switch. The column route was the workaround for oneDNN's AVX-512 kernels, wrong on
    /// few-channel strided shapes; the library now limits oneDNN to AVX2 (<see cref="LatentSharp.Training.ConvolutionIsaLimit"/>),
    /// where the native kernels are right and cost about a third of the column routes' CPU (bench/results/dcgan.md).
    /// Worth setting only when that limit is off (LATENTSHARP_KEEP_CPU_ISA=1, or a user's own DNNL_MAX_CPU_ISA).
    /// </summary>
    [Description("Convolutional: (transposed) convolutions by columns (unfold/fold + matmul) instead of libtorch's native kernels (needed only without the AVX2 limit)")]
    public bool ColumnConvolutions { get; init; }

    /// <summary>The generator's output activation: sigmoid for data in [0, 1], tanh for [−1, 1], linear for real data.</summary>
    [Description("Generator output activation: sigmoid (data in [0,1]), tanh ([-1,1]) or linear")]
    public ActivationKind Output { get; init; } = ActivationKind.Sigmoid;

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        RequireEach(nameof(GeneratorHiddenSizes), GeneratorHiddenSizes, 1, 1_000_000, minCount: 0);
        RequireEach(nameof(DiscriminatorHiddenSizes), DiscriminatorHiddenSizes, 1, 1_000_000, minCount: 0);
        RequireEach(nameof(Channels), Channels, 1, 4096);
        if (Output is not (ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Linear))
            throw new InvalidOptionException(nameof(Output), Output, "sigmoid, tanh or linear");
    }
}
