using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PlainTorchSharp.Bench;

/// <summary>
/// The two benchmark autoencoders as a TorchSharp user writes them: one <c>nn.Sequential</c> each, layer for layer
/// the PyTorch twin's (bench/peers/pytorch_autoencoders.py) and LatentSharp's catalogue defaults. Both end in logits;
/// the loss applies the sigmoid (BCE with logits).
/// </summary>
static class PlainModels
{
    /// <summary>784-512-256-32-256-512-784, ReLU hidden, linear code.</summary>
    public static Sequential Dense() => nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 32),
        nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784),
        nn.Unflatten(1, [1, 28, 28]));

    /// <summary>Conv(1→32→64, 3×3, stride 2) → Linear(3136, 32) and its mirror with transposed convolutions.</summary>
    public static Sequential Convolutional() => nn.Sequential(
        nn.Conv2d(1, 32, 3, stride: 2, padding: 1), nn.ReLU(), nn.Conv2d(32, 64, 3, stride: 2, padding: 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 32),
        nn.Linear(32, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, [64, 7, 7]),
        nn.ConvTranspose2d(64, 32, 3, stride: 2, padding: 1, output_padding: 1), nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 3, stride: 2, padding: 1, output_padding: 1));
}
