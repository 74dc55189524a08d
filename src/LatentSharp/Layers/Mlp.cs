using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Layers;

/// <summary>Fully connected stacks.</summary>
public static class Mlp
{
    /// <summary>
    /// Linear layers <paramref name="inputSize"/> → sizes[0] → … → sizes[^1], with
    /// <paramref name="hidden"/> after every layer but the last, which gets <paramref name="last"/>
    /// (no module at all for <see cref="ActivationKind.Linear"/>).
    /// </summary>
    public static Sequential Build(long inputSize, IReadOnlyList<int> sizes, ActivationKind hidden, ActivationKind last)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long previous = inputSize;
        for (int i = 0; i < sizes.Count; i++)
        {
            layers.Add(($"{layers.Count}", nn.Linear(previous, sizes[i])));
            var activation = i == sizes.Count - 1 ? last : hidden;
            if (activation != ActivationKind.Linear)
                layers.Add(($"{layers.Count}", Activations.Create(activation)));
            previous = sizes[i];
        }
        return nn.Sequential(layers);
    }
}
