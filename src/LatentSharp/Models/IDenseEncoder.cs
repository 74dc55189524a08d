namespace LatentSharp.Models;

/// <summary>
/// An encoder that is a stack of fully connected layers on the flattened input, so its layers can
/// start a classifier (<see cref="Supervised.Classifier"/>) or be drawn as filters.
/// </summary>
public interface IDenseEncoder : IEncoder
{
    /// <summary>
    /// The encoder's layers from the input to the code (live tensors), or an empty list when this
    /// instance's encoder is not dense (e.g. a convolutional autoencoder).
    /// </summary>
    IReadOnlyList<DenseLayer> EncoderLayers { get; }
}
