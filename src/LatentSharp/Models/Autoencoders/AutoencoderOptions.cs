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

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        if (Loss == ReconstructionLoss.Bce && Output != OutputActivation.Sigmoid)
            throw new InvalidOptionException(nameof(Loss), Loss, "mse when the output is linear (bce needs a sigmoid output)");
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
