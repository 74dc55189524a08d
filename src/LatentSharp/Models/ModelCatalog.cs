using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// The registry: every model the library and the CLI offer, in one table. Adding a model is
/// adding one row here.
/// </summary>
public static class ModelCatalog
{
    static readonly object SeedLock = new();

    /// <summary>Every registered model.</summary>
    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        new("autoencoder", "Fully connected deep autoencoder (layer sizes, activation, BCE or MSE)",
            typeof(AutoencoderOptions), (o, shape, device) => new Autoencoder("autoencoder", (AutoencoderOptions)o, shape, device)),
        new("conv-autoencoder", "Convolutional autoencoder: strided convolutions down, transposed convolutions up",
            typeof(ConvolutionalAutoencoderOptions), (o, shape, device) => new Autoencoder("conv-autoencoder", (ConvolutionalAutoencoderOptions)o, shape, device)),
    ];

    /// <summary>Finds a model by name (case-insensitive).</summary>
    /// <exception cref="UnknownModelException">No model has that name.</exception>
    public static ModelDescriptor Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownModelException(name, All.Select(d => d.Name));

    /// <summary>
    /// Builds a model with weights initialised from <paramref name="seed"/>: the same seed gives
    /// the same initial weights.
    /// </summary>
    public static IModel Create(string name, ModelOptions? options, long[] inputShape, Device device, long seed)
    {
        var descriptor = Get(name);
        options ??= descriptor.DefaultOptions();
        if (options.GetType() != descriptor.OptionsType)
            throw new ArgumentException($"Model '{descriptor.Name}' takes {descriptor.OptionsType.Name}, not {options.GetType().Name}.", nameof(options));
        options.Validate();
        // TorchSharp's layer initialisers draw from the global generator; hold it while seeding
        // and building so concurrent constructions cannot interleave their draws.
        lock (SeedLock)
        {
            manual_seed(seed);
            return descriptor.Factory(options, inputShape, device);
        }
    }
}
