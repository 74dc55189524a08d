using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Layers;

/// <summary>Builds activation modules from <see cref="ActivationKind"/>.</summary>
public static class Activations
{
    /// <summary>A module applying <paramref name="kind"/>.</summary>
    public static nn.Module<Tensor, Tensor> Create(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => nn.ReLU(),
        ActivationKind.LeakyRelu => nn.LeakyReLU(0.01),
        ActivationKind.Sigmoid => nn.Sigmoid(),
        ActivationKind.Tanh => nn.Tanh(),
        ActivationKind.Elu => nn.ELU(),
        ActivationKind.Gelu => nn.GELU(),
        ActivationKind.Linear => nn.Identity(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };
}
