using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LatentSharp.Models.Variational;

/// <summary>A convolutional VAE: strided convolutions to (μ, log σ²) of the code, transposed convolutions back (<see cref="Layers.ConvolutionalStacks"/>).</summary>
public sealed record ConvolutionalVariationalAutoencoderOptions : VariationalAutoencoderOptionsBase
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
