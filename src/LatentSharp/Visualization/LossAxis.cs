using System.Reflection;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;

namespace LatentSharp.Visualization;

/// <summary>
/// The vertical axis label of a loss chart, with the unit when the model's options say it: an options
/// record with a <see cref="ReconstructionLoss"/> property named <c>Loss</c> (the autoencoder family
/// and the models built on it) sums its loss over each sample's values and averages over samples.
/// </summary>
internal static class LossAxis
{
    /// <summary>The label when the unit is not known from the options.</summary>
    public const string Unknown = "loss per sample (the model's own units)";

    /// <summary>The label for a model with <paramref name="options"/> (null when unknown).</summary>
    public static string Label(ModelOptions? options)
    {
        var loss = options?.GetType().GetProperty("Loss", BindingFlags.Public | BindingFlags.Instance);
        if (loss?.PropertyType != typeof(ReconstructionLoss)) return Unknown;
        return (ReconstructionLoss?)loss.GetValue(options) switch
        {
            ReconstructionLoss.Bce => "loss per sample (binary cross-entropy, nats)",
            ReconstructionLoss.Mse => "loss per sample (sum of squared errors)",
            _ => Unknown,
        };
    }
}
