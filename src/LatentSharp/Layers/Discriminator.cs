using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Layers;

/// <summary>
/// Discriminator and critic networks shared by the adversarial families (GAN, WGAN, and the models
/// that discriminate codes: AAE, WAE-GAN). Each maps a batch <c>[B, ...]</c> to one unbounded score
/// per sample <c>[B, 1]</c>: a logit for a GAN's discriminator, a critic value for a WGAN.
/// Hidden layers use LeakyReLU with slope <see cref="LeakySlope"/>, as in DCGAN
/// (Radford et al. 2016, https://arxiv.org/abs/1511.06434).
/// </summary>
public static class Discriminator
{
    /// <summary>The LeakyReLU slope of DCGAN's discriminator.</summary>
    public const double LeakySlope = 0.2;

    /// <summary>
    /// Dense: flatten → (Linear → LeakyReLU) per entry of <paramref name="hiddenSizes"/> → Linear to 1.
    /// <c>[B, ...]</c> with <paramref name="inputSize"/> values per sample → <c>[B, 1]</c>.
    /// </summary>
    public static Sequential Dense(long inputSize, IReadOnlyList<int> hiddenSizes)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", nn.Flatten()) };
        long previous = inputSize;
        foreach (var size in hiddenSizes)
        {
            layers.Add(($"{layers.Count}", nn.Linear(previous, size)));
            layers.Add(($"{layers.Count}", nn.LeakyReLU(LeakySlope)));
            previous = size;
        }
        layers.Add(($"{layers.Count}", nn.Linear(previous, 1)));
        return nn.Sequential(layers);
    }

    /// <summary>
    /// DCGAN-style convolutional: strided convolutions (kernel <paramref name="kernel"/>, stride 2,
    /// padding (kernel − 1) / 2) with LeakyReLU, batch norm after every convolution but the first
    /// (when <paramref name="batchNorm"/>), then flatten → Linear to 1. <c>[B, C, H, W]</c> → <c>[B, 1]</c>.
    /// <paramref name="byColumns"/> picks <see cref="ColumnConv2d"/>'s route (unfold and a product, or libtorch's native kernel).
    /// </summary>
    public static Sequential Convolutional(long[] imageShape, IReadOnlyList<int> channels, int kernel, bool batchNorm, bool byColumns = true)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var sizes = SpatialSizes(imageShape, channels.Count, kernel);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long previous = imageShape[0];
        for (int i = 0; i < channels.Count; i++)
        {
            layers.Add(($"{layers.Count}", new ColumnConv2d(previous, channels[i], kernel, 2, (kernel - 1) / 2, byColumns)));
            if (batchNorm && i > 0) layers.Add(($"{layers.Count}", nn.BatchNorm2d(channels[i])));
            layers.Add(($"{layers.Count}", nn.LeakyReLU(LeakySlope)));
            previous = channels[i];
        }
        layers.Add(($"{layers.Count}", nn.Flatten()));
        layers.Add(($"{layers.Count}", nn.Linear(previous * sizes[^1].Height * sizes[^1].Width, 1)));
        return nn.Sequential(layers);
    }

    /// <summary>
    /// Spatial sizes through <paramref name="layers"/> stride-2 convolutions of kernel
    /// <paramref name="kernel"/> and padding (kernel − 1) / 2: element 0 is the image's (H, W),
    /// element i the output of convolution i (28 → 14 → 7 for kernel 4). A generator mirrors them.
    /// </summary>
    /// <exception cref="ArgumentException">The image is not [C, H, W] or is too small for that many layers.</exception>
    public static IReadOnlyList<(long Height, long Width)> SpatialSizes(long[] imageShape, int layers, int kernel)
    {
        ArgumentNullException.ThrowIfNull(imageShape);
        if (imageShape.Length != 3)
            throw new ArgumentException($"A convolutional network needs image samples [C, H, W], not [{string.Join(", ", imageShape)}]; use the dense variant.", nameof(imageShape));
        int padding = (kernel - 1) / 2;
        var sizes = new List<(long, long)> { (imageShape[1], imageShape[2]) };
        for (int i = 0; i < layers; i++)
        {
            var (h, w) = sizes[^1];
            long nh = (h + 2 * padding - kernel) / 2 + 1, nw = (w + 2 * padding - kernel) / 2 + 1;
            if (nh < 1 || nw < 1)
                throw new ArgumentException($"An image of {imageShape[1]}×{imageShape[2]} is too small for {layers} stride-2 convolutions of kernel {kernel}.", nameof(imageShape));
            sizes.Add((nh, nw));
        }
        return sizes;
    }
}
