using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Layers;
using LatentSharp.Options;

namespace LatentSharp.Models.Supervised;

/// <summary>
/// A fully connected classifier: an encoder stack (hidden sizes) and a linear softmax head,
/// trained with cross-entropy. Its encoder has the shape of a dense autoencoder's or a stacked
/// autoencoder's encoder, so it can start from one (<see cref="Classifier.CopyEncoderFrom"/>).
/// </summary>
public sealed record ClassifierOptions : GradientModelOptions
{
    /// <summary>Encoder layer sizes before the softmax head (empty: multinomial logistic regression on the input).</summary>
    [Description("Encoder layer sizes before the softmax head, comma-separated (empty = logistic regression)")]
    public int[] HiddenSizes { get; init; } = [512, 256, 64];

    /// <summary>Activation of every encoder layer but the last.</summary>
    [Description("Activation of every encoder layer but the last: relu, leaky-relu, sigmoid, tanh, elu, gelu, linear")]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Activation of the last encoder layer (an autoencoder's code activation).</summary>
    [Description("Activation of the last encoder layer (the code of a pretrained autoencoder)")]
    public ActivationKind CodeActivation { get; init; } = ActivationKind.Linear;

    /// <summary>Number of classes; labels must be in [0, Classes).</summary>
    [Description("Number of classes (labels 0..classes-1)")]
    [Range(2, 1_000_000)]
    public int Classes { get; init; } = 10;

    /// <summary>Activation of encoder layer <paramref name="layer"/> (zero-based).</summary>
    public ActivationKind LayerActivation(int layer) => layer == HiddenSizes.Length - 1 ? CodeActivation : Activation;

    /// <summary>
    /// The options of a classifier whose encoder has the shape of <paramref name="layers"/>
    /// (sizes and activations), with <paramref name="classes"/> classes.
    /// </summary>
    /// <exception cref="ArgumentException">The layers are empty, or their activations vary in a way the options cannot say.</exception>
    public static ClassifierOptions ForEncoder(IReadOnlyList<DenseLayer> layers, int classes)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("The encoder has no dense layers.", nameof(layers));
        var options = new ClassifierOptions
        {
            HiddenSizes = layers.Select(l => (int)l.OutputSize).ToArray(),
            Activation = layers.Count > 1 ? layers[0].Activation : ActivationKind.Relu,
            CodeActivation = layers[^1].Activation,
            Classes = classes,
        };
        for (int i = 0; i < layers.Count; i++)
            if (layers[i].Activation != options.LayerActivation(i))
                throw new ArgumentException($"Encoder layer {i + 1} uses {layers[i].Activation} but layer 1 uses {layers[0].Activation}; a classifier needs one hidden activation.", nameof(layers));
        return options;
    }

    /// <inheritdoc />
    protected override void ValidateRelations() => RequireEach(nameof(HiddenSizes), HiddenSizes, 1, 1_000_000, minCount: 0);
}
