using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Layers;

/// <summary>
/// Strided convolution stacks and their mirror images: the encoder halves (for stride 2) the
/// spatial size per layer; the decoder's transposed convolutions pick the output padding that
/// lands exactly back on the input size.
/// </summary>
public static class ConvolutionalStacks
{
    /// <summary>
    /// Spatial sizes through the encoder: element 0 is the input (height, width), element i the
    /// output of convolution i.
    /// </summary>
    public static IReadOnlyList<(long Height, long Width)> SpatialSizes(long height, long width, int layers, int kernel, int stride)
    {
        int padding = kernel / 2;
        var sizes = new List<(long, long)> { (height, width) };
        for (int i = 0; i < layers; i++)
        {
            var (h, w) = sizes[^1];
            long nh = (h + 2 * padding - kernel) / stride + 1, nw = (w + 2 * padding - kernel) / stride + 1;
            if (nh < 1 || nw < 1)
                throw new ArgumentException($"An input of {height}×{width} is too small for {layers} convolutions of kernel {kernel} and stride {stride}.");
            sizes.Add((nh, nw));
        }
        return sizes;
    }

    /// <summary>
    /// Encoder: [B, C, H, W] → convolutions (each followed by <paramref name="activation"/>) →
    /// flatten → linear to <paramref name="codeSize"/> → <paramref name="codeActivation"/>.
    /// </summary>
    public static Sequential Encoder(long[] inputShape, IReadOnlyList<int> channels, int kernel, int stride,
        int codeSize, ActivationKind activation, ActivationKind codeActivation)
    {
        var sizes = SpatialSizes(inputShape[1], inputShape[2], channels.Count, kernel, stride);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long previous = inputShape[0];
        foreach (var c in channels)
        {
            layers.Add(($"{layers.Count}", nn.Conv2d(previous, c, kernel, stride, kernel / 2)));
            layers.Add(($"{layers.Count}", Activations.Create(activation)));
            previous = c;
        }
        layers.Add(($"{layers.Count}", nn.Flatten()));
        layers.Add(($"{layers.Count}", nn.Linear(previous * sizes[^1].Height * sizes[^1].Width, codeSize)));
        if (codeActivation != ActivationKind.Linear)
            layers.Add(($"{layers.Count}", Activations.Create(codeActivation)));
        return nn.Sequential(layers);
    }

    /// <summary>
    /// Decoder mirroring <see cref="Encoder"/>: linear → unflatten → transposed convolutions back to
    /// <paramref name="inputShape"/>. The last layer has no activation (it returns pre-activations).
    /// </summary>
    public static Sequential Decoder(long[] inputShape, IReadOnlyList<int> channels, int kernel, int stride,
        int codeSize, ActivationKind activation)
    {
        var sizes = SpatialSizes(inputShape[1], inputShape[2], channels.Count, kernel, stride);
        int padding = kernel / 2;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var (h, w) = sizes[^1];
        layers.Add(($"{layers.Count}", nn.Linear(codeSize, channels[^1] * h * w)));
        layers.Add(($"{layers.Count}", Activations.Create(activation)));
        layers.Add(($"{layers.Count}", nn.Unflatten(1, [channels[^1], h, w])));
        for (int i = channels.Count - 1; i >= 0; i--)
        {
            long outChannels = i == 0 ? inputShape[0] : channels[i - 1];
            var (targetH, targetW) = sizes[i];
            var (inH, inW) = sizes[i + 1];
            long padH = targetH - ((inH - 1) * stride - 2 * padding + kernel);
            long padW = targetW - ((inW - 1) * stride - 2 * padding + kernel);
            layers.Add(($"{layers.Count}", new ExactConvTranspose2d(channels[i], outChannels, kernel, stride, padding, padH, padW)));
            if (i > 0) layers.Add(($"{layers.Count}", Activations.Create(activation)));
        }
        return nn.Sequential(layers);
    }
}
