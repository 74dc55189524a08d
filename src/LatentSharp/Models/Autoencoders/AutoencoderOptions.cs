using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers;
using LatentSharp.Options;

namespace LatentSharp.Models.Autoencoders;

/// <summary>How reconstructions are scored.</summary>
public enum ReconstructionLoss
{
    /// <summary>Binary cross-entropy summed over a sample's elements (data in [0, 1], sigmoid output).</summary>
    Bce,
    /// <summary>Squared error summed over a sample's elements.</summary>
    Mse,
}

/// <summary>What the decoder's last layer applies.</summary>
public enum OutputActivation
{
    /// <summary>Outputs in (0, 1): images scaled to [0, 1].</summary>
    Sigmoid,
    /// <summary>Unbounded outputs: standardised or real-valued data.</summary>
    Linear,
}

/// <summary>Hyper-parameters every autoencoder shares, whatever its encoder and decoder.</summary>
public abstract record AutoencoderOptionsBase : GradientModelOptions
{
    /// <summary>Size of the code (bottleneck).</summary>
    [Description("Code (bottleneck) size")]
    [Range(1, 1_000_000)]
    public int CodeSize { get; init; } = 32;

    /// <summary>Non-linearity between hidden layers.</summary>
    [Description("Hidden activation: relu, leaky-relu, sigmoid, tanh, elu, gelu, linear")]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Activation of the code layer (linear is usual).</summary>
    [Description("Code-layer activation (linear is usual)")]
    public ActivationKind CodeActivation { get; init; } = ActivationKind.Linear;

    /// <summary>The decoder's output activation.</summary>
    [Description("Output activation: sigmoid (data in [0,1]) or linear")]
    public OutputActivation Output { get; init; } = OutputActivation.Sigmoid;

    /// <summary>Reconstruction loss, summed over a sample and averaged over the batch.</summary>
    [Description("Reconstruction loss: bce (needs sigmoid output) or mse")]
    public ReconstructionLoss Loss { get; init; } = ReconstructionLoss.Bce;

    /// <summary>
    /// Corruption applied to training inputs (a denoising autoencoder), e.g. <c>gaussian:0.3</c>,
    /// <c>masking:0.25</c>, <c>salt-and-pepper:0.1</c>; several combine with <c>+</c>. Empty: none.
    /// </summary>
    [Description("Training-input corruption for denoising, e.g. gaussian:0.3, masking:0.25, salt-and-pepper:0.1; combine with + (empty = none)")]
    public string Noise { get; init; } = "";

    /// <summary>Weight of the L1 penalty on the code, λ·mean_b Σ_k |h_k|.</summary>
    [Description("Weight of the L1 penalty on the code (sparse autoencoder; 0 = off)")]
    [Range(0.0, 1e6)]
    public double L1Weight { get; init; }

    /// <summary>Target mean activation ρ of each code unit for the KL sparsity penalty.</summary>
    [Description("Target mean activation rho of code units for the KL sparsity penalty")]
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double SparsityTarget { get; init; } = 0.05;

    /// <summary>Weight β of the KL sparsity penalty Σ_k KL(ρ ‖ ρ̂_k) (Ng's sparse autoencoder).</summary>
    [Description("Weight beta of the KL sparsity penalty (needs --code-activation sigmoid; 0 = off)")]
    [Range(0.0, 1e6)]
    public double SparsityWeight { get; init; }

    /// <summary>Weight λ of the contractive penalty ‖J_f(x)‖²_F on the encoder's Jacobian (Rifai et al., 2011).</summary>
    [Description("Weight lambda of the contractive penalty ||J_f(x)||_F^2 (0 = off)")]
    [Range(0.0, 1e6)]
    public double ContractiveWeight { get; init; }

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        if (Loss == ReconstructionLoss.Bce && Output != OutputActivation.Sigmoid)
            throw new InvalidOptionException(nameof(Loss), Loss, "mse when the output is linear (bce needs a sigmoid output)");
        try { Corruption.Corruptions.Parse(Noise); }
        catch (FormatException e) { throw new InvalidOptionException(nameof(Noise), Noise, $"a noise spec such as gaussian:0.3+masking:0.2 ({e.Message})"); }
        if (SparsityWeight > 0 && CodeActivation != ActivationKind.Sigmoid)
            throw new InvalidOptionException(nameof(CodeActivation), CodeActivation, "sigmoid when SparsityWeight > 0 (the KL penalty needs activations in (0, 1))");
    }
}

/// <summary>A fully connected deep autoencoder: input → hidden sizes → code, mirrored back.</summary>
public sealed record AutoencoderOptions : AutoencoderOptionsBase
{
    /// <summary>Encoder hidden-layer sizes; the decoder mirrors them.</summary>
    [Description("Encoder hidden layer sizes, comma-separated (decoder mirrors them)")]
    public int[] HiddenSizes { get; init; } = [512, 256];

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        base.ValidateRelations();
        RequireEach(nameof(HiddenSizes), HiddenSizes, 1, 1_000_000, minCount: 0);
    }
}

/// <summary>
/// A convolutional autoencoder: strided convolutions down, a linear code, transposed
/// convolutions back up to the input size.
/// </summary>
public sealed record ConvolutionalAutoencoderOptions : AutoencoderOptionsBase
{
    /// <summary>Output channels of each strided convolution; the decoder mirrors them.</summary>
    [Description("Channels of each strided convolution, comma-separated")]
    public int[] Channels { get; init; } = [32, 64];

    /// <summary>Square kernel size of every convolution.</summary>
    [Description("Convolution kernel size")]
    [Range(1, 15)]
    public int KernelSize { get; init; } = 3;

    /// <summary>Stride of every convolution (the down-sampling factor per layer).</summary>
    [Description("Convolution stride (down-sampling per layer)")]
    [Range(1, 4)]
    public int Stride { get; init; } = 2;

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        base.ValidateRelations();
        RequireEach(nameof(Channels), Channels, 1, 4096);
    }
}
