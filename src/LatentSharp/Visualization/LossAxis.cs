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

    /// <summary>The label when a run's phases train different losses (a stacked autoencoder's upper layers reconstruct codes).</summary>
    public const string PerPhase = "loss per sample (each phase its own loss)";

    /// <summary>
    /// The label for a model with <paramref name="options"/> (null when unknown) whose run has
    /// <paramref name="phases"/> distinct phases: a unit only when one loss covers the whole run.
    /// </summary>
    public static string Label(ModelOptions? options, int phases = 1)
    {
        if (phases > 1) return PerPhase;
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
