using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// What every model is: a registry name, its validated hyper-parameters, the shape of one
/// input sample, a device, and named state tensors (weights and buffers) that define it.
/// Capabilities (<see cref="IEncoder"/>, <see cref="IReconstructor"/>, <see cref="IGenerator"/>,
/// <see cref="IDensityModel"/>, <see cref="Training.ITrainable"/>) are separate interfaces: a
/// model implements the ones it really has.
/// </summary>
public interface IModel : IDisposable
{
    /// <summary>The registry name, e.g. <c>autoencoder</c>.</summary>
    string Name { get; }

    /// <summary>The hyper-parameters the model was built with.</summary>
    ModelOptions Options { get; }

    /// <summary>Shape of one input sample, e.g. <c>[1, 28, 28]</c>.</summary>
    long[] InputShape { get; }

    /// <summary>Where the model's tensors live.</summary>
    Device Device { get; }

    /// <summary>
    /// The tensors that define the model (parameters and buffers), by stable name. These are the
    /// live tensors: saving reads them, loading copies into them.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> State { get; }
}
