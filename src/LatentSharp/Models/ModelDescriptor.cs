using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>One registry entry: a model's name, what it is, its options type and how to build it.</summary>
/// <param name="Name">Registry and CLI name, e.g. <c>conv-autoencoder</c>.</param>
/// <param name="Summary">One line for <c>latent models</c>.</param>
/// <param name="OptionsType">The model's options record type (has a parameterless constructor giving the defaults).</param>
/// <param name="Factory">Builds the model from validated options, a sample shape and a device.</param>
public sealed record ModelDescriptor(string Name, string Summary, Type OptionsType, Func<ModelOptions, long[], Device, IModel> Factory)
{
    /// <summary>The default options.</summary>
    public ModelOptions DefaultOptions() => (ModelOptions)Activator.CreateInstance(OptionsType)!;
}
