using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers;
using LatentSharp.Options;

namespace LatentSharp.Models.Autoencoders;

/// <summary>
/// A stacked autoencoder trained greedily layer by layer (Bengio et al., 2007; Vincent et al.,
/// 2010 for the denoising variant): layer 1 reconstructs the input, layer 2 reconstructs layer 1's
/// code, and so on. Every layer is a one-hidden-layer <see cref="Autoencoder"/> in miniature and
/// takes the same corruption and sparsity settings.
/// </summary>
public sealed record StackedAutoencoderOptions : GradientModelOptions
{
    /// <summary>Code size of each layer, from the input upwards; the last is the stack's code.</summary>
    [Description("Code size of each layer from the input up, comma-separated (the last is the code)")]
    public int[] LayerSizes { get; init; } = [512, 256, 64];

    /// <summary>
    /// Epochs spent on each layer: epoch e trains layer e / EpochsPerLayer. Epochs past
    /// LayerSizes × EpochsPerLayer fine-tune the whole stack end to end as one deep autoencoder.
    /// </summary>
    [Description("Epochs per layer of greedy pretraining; later epochs fine-tune the whole stack end to end")]
    [Range(1, 1_000_000)]
    public int EpochsPerLayer { get; init; } = 5;

    /// <summary>Activation of every layer's code except the top one.</summary>
    [Description("Activation of each layer's code below the top: relu, leaky-relu, sigmoid, tanh, elu, gelu, linear")]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Activation of the top layer's code (the stack's code).</summary>
    [Description("Activation of the top layer's code (linear is usual)")]
    public ActivationKind CodeActivation { get; init; } = ActivationKind.Linear;

    /// <summary>Output activation of the first layer's decoder (the reconstruction of the input).</summary>
    [Description("Output activation of the input reconstruction: sigmoid (data in [0,1]) or linear")]
    public OutputActivation Output { get; init; } = OutputActivation.Sigmoid;

    /// <summary>
    /// Loss of the first layer's reconstruction of the input. Upper layers reconstruct codes: with
    /// BCE when those codes are sigmoid, with squared error otherwise.
    /// </summary>
    [Description("Input reconstruction loss: bce (needs sigmoid output) or mse; upper layers use bce on sigmoid codes, mse otherwise")]
    public ReconstructionLoss Loss { get; init; } = ReconstructionLoss.Bce;

    /// <summary>Corruption of each layer's input while that layer trains (stacked denoising autoencoder), e.g. <c>masking:0.25</c>.</summary>
    [Description("Corruption of each layer's input while it trains (stacked denoising), e.g. masking:0.25 (empty = none)")]
    public string Noise { get; init; } = "";

    /// <summary>Weight of the L1 penalty on each layer's code while it trains.</summary>
    [Description("Weight of the L1 penalty on each layer's code (0 = off)")]
    [Range(0.0, 1e6)]
    public double L1Weight { get; init; }

    /// <summary>Target mean activation ρ of code units for the KL sparsity penalty.</summary>
    [Description("Target mean activation rho of code units for the KL sparsity penalty")]
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double SparsityTarget { get; init; } = 0.05;

    /// <summary>Weight β of the KL sparsity penalty on each layer's code (needs sigmoid codes).</summary>
    [Description("Weight beta of the KL sparsity penalty on each layer's code (needs sigmoid activations; 0 = off)")]
    [Range(0.0, 1e6)]
    public double SparsityWeight { get; init; }

    /// <summary>Activation of layer <paramref name="layer"/>'s code (zero-based).</summary>
    public ActivationKind LayerActivation(int layer) => layer == LayerSizes.Length - 1 ? CodeActivation : Activation;

    /// <summary>
    /// The one-layer autoencoder options of layer <paramref name="layer"/> (zero-based): its code
    /// size, activation, corruption and penalties. Layer 0 reconstructs the input with
    /// <see cref="Output"/> and <see cref="Loss"/>; upper layers reconstruct the code below.
    /// </summary>
    public AutoencoderOptions LayerOptions(int layer)
    {
        bool sigmoidInput = layer > 0 && LayerActivation(layer - 1) == ActivationKind.Sigmoid;
        return new AutoencoderOptions
        {
            HiddenSizes = [],
            CodeSize = LayerSizes[layer],
            CodeActivation = LayerActivation(layer),
            Output = layer == 0 ? Output : sigmoidInput ? OutputActivation.Sigmoid : OutputActivation.Linear,
            Loss = layer == 0 ? Loss : sigmoidInput ? ReconstructionLoss.Bce : ReconstructionLoss.Mse,
            Noise = Noise,
            L1Weight = L1Weight,
            SparsityTarget = SparsityTarget,
            SparsityWeight = SparsityWeight,
            LearningRate = LearningRate,
            Optimizer = Optimizer,
            Momentum = Momentum,
            WeightDecay = WeightDecay,
        };
    }

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        RequireEach(nameof(LayerSizes), LayerSizes, 1, 1_000_000);
        if (Loss == ReconstructionLoss.Bce && Output != OutputActivation.Sigmoid)
            throw new InvalidOptionException(nameof(Loss), Loss, "mse when the output is linear (bce needs a sigmoid output)");
        try { Corruption.Corruptions.Parse(Noise); }
        catch (FormatException e) { throw new InvalidOptionException(nameof(Noise), Noise, $"a noise spec such as masking:0.25 ({e.Message})"); }
        if (SparsityWeight > 0 && Activation != ActivationKind.Sigmoid && LayerSizes.Length > 1)
            throw new InvalidOptionException(nameof(Activation), Activation, "sigmoid when SparsityWeight > 0 (the KL penalty needs codes in (0, 1))");
        if (SparsityWeight > 0 && CodeActivation != ActivationKind.Sigmoid)
            throw new InvalidOptionException(nameof(CodeActivation), CodeActivation, "sigmoid when SparsityWeight > 0 (the KL penalty needs codes in (0, 1))");
    }
}
