using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// One registry entry: a model's name, what it is, its options type, its default options and how
/// to build it. Presets (e.g. <c>denoising-autoencoder</c>) are entries that share a model class
/// and differ in their defaults.
/// </summary>
/// <param name="Name">Registry and CLI name, e.g. <c>conv-autoencoder</c>.</param>
/// <param name="Summary">One line for <c>latent models</c>.</param>
/// <param name="OptionsType">The model's options record type.</param>
/// <param name="Defaults">The default options of this entry.</param>
/// <param name="Factory">Builds the model from its registry name, validated options, a sample shape and a device.</param>
public sealed record ModelDescriptor(string Name, string Summary, Type OptionsType, Func<ModelOptions> Defaults,
    Func<string, ModelOptions, long[], Device, IModel> Factory)
{
    /// <summary>The default options.</summary>
    public ModelOptions DefaultOptions() => Defaults();
}
