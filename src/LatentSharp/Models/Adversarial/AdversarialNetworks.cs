using LatentSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Models.Adversarial;

/// <summary>The two networks of an adversarial model: generators (noise <c>[B, noise]</c> → samples <c>[B, ...sample shape]</c>) and discriminators/critics (samples → <c>[B, 1]</c>).</summary>
internal static class AdversarialNetworks
{
    /// <summary>The generator <paramref name="options"/> describe, for samples of <paramref name="sampleShape"/>.</summary>
    public static Sequential Build(AdversarialOptions options, long[] sampleShape) =>
        options.Architecture == AdversarialArchitecture.Convolutional ? Convolutional(options, sampleShape) : Dense(options, sampleShape);

    // (Linear → ReLU) per hidden size → Linear → output activation → reshape to the sample shape.
    static Sequential Dense(AdversarialOptions options, long[] sampleShape)
    {
        long size = sampleShape.Aggregate(1L, (a, b) => a * b);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long previous = options.NoiseSize;
        foreach (var hidden in options.GeneratorHiddenSizes)
        {
            layers.Add(($"{layers.Count}", nn.Linear(previous, hidden)));
            layers.Add(($"{layers.Count}", nn.ReLU()));
            previous = hidden;
        }
        layers.Add(($"{layers.Count}", nn.Linear(previous, size)));
        layers.Add(($"{layers.Count}", Activations.Create(options.Output)));
        layers.Add(($"{layers.Count}", nn.Unflatten(1, sampleShape)));
        return nn.Sequential(layers);
    }

    // DCGAN's generator, the mirror of Discriminator.Convolutional: Linear → (BN) → ReLU → unflatten to the
    // smallest feature map, then stride-2 transposed convolutions (BN, ReLU) landing exactly on [C, H, W].
    static Sequential Convolutional(AdversarialOptions options, long[] sampleShape)
    {
        var channels = options.Channels;
        int kernel = options.KernelSize, padding = (kernel - 1) / 2;
        var sizes = Discriminator.SpatialSizes(sampleShape, channels.Length, kernel);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var (h, w) = sizes[^1];
        long features = channels[^1] * h * w;
        layers.Add(($"{layers.Count}", nn.Linear(options.NoiseSize, features)));
        if (options.BatchNorm) layers.Add(($"{layers.Count}", nn.BatchNorm1d(features)));
        layers.Add(($"{layers.Count}", nn.ReLU()));
        layers.Add(($"{layers.Count}", nn.Unflatten(1, [channels[^1], h, w])));
        for (int i = channels.Length - 1; i >= 0; i--)
        {
            long outChannels = i == 0 ? sampleShape[0] : channels[i - 1];
            var (targetH, targetW) = sizes[i];
            var (inH, inW) = sizes[i + 1];
            long padH = targetH - ((inH - 1) * 2 - 2 * padding + kernel), padW = targetW - ((inW - 1) * 2 - 2 * padding + kernel);
            layers.Add(($"{layers.Count}", new ExactConvTranspose2d(channels[i], outChannels, kernel, 2, padding, padH, padW, alwaysByColumns: options.ColumnConvolutions)));
            if (i == 0) break;
            if (options.BatchNorm) layers.Add(($"{layers.Count}", nn.BatchNorm2d(outChannels)));
            layers.Add(($"{layers.Count}", nn.ReLU()));
        }
        layers.Add(($"{layers.Count}", Activations.Create(options.Output)));
        return nn.Sequential(layers);
    }

    /// <summary>The discriminator (or critic) <paramref name="options"/> describe: samples → <c>[B, 1]</c>.</summary>
    public static Sequential Critic(AdversarialOptions options, long[] sampleShape) =>
        options.Architecture == AdversarialArchitecture.Convolutional
            ? Discriminator.Convolutional(sampleShape, options.Channels, options.KernelSize, options.BatchNorm, options.ColumnConvolutions)
            : Discriminator.Dense(sampleShape.Aggregate(1L, (a, b) => a * b), options.DiscriminatorHiddenSizes);
}
