using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Layers;

/// <summary>
/// A square strided 2-D convolution <c>[B, C_in, H, W]</c> → <c>[B, C_out, H', W']</c> computed as
/// unfold (image to columns) and one product, for networks that need the gradient with respect to their
/// input (a GAN's discriminator passes it back to the generator). libtorch 2.10's CPU convolution (as
/// TorchSharp 0.107 ships it) computes wrong, now and then non-finite, input gradients for few-channel
/// strided convolutions on AVX-512 machines — oneDNN's AVX-512 path; right under <c>DNNL_MAX_CPU_ISA=AVX2</c>, which
/// the library sets for its process (<see cref="LatentSharp.Training.ConvolutionIsaLimit"/>, bench/results/dcgan.md);
/// unfold's backward (fold) is exact, so this route is right without that limit too. It keeps a standard <c>Conv2d</c> for
/// PyTorch's initialisation and the state names <c>conv.weight</c>, <c>conv.bias</c>, so the native route
/// (<c>byColumns: false</c>) reads the same weights.
/// </summary>
public sealed class ColumnConv2d : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv;
    readonly long _kernel, _stride, _padding;
    readonly bool _byColumns;

    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernel">Square kernel size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on every side.</param>
    /// <param name="byColumns">True: unfold and one product; false: libtorch's native convolution (same weights, same state names).</param>
    public ColumnConv2d(long inChannels, long outChannels, long kernel, long stride, long padding, bool byColumns = true) : base(nameof(ColumnConv2d))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride, padding);
        (_kernel, _stride, _padding, _byColumns) = (kernel, stride, padding, byColumns);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!_byColumns) return conv.call(input);
        var weight = conv.weight!;
        long batch = input.shape[0], outChannels = weight.shape[0];
        long height = (input.shape[2] + 2 * _padding - _kernel) / _stride + 1, width = (input.shape[3] + 2 * _padding - _kernel) / _stride + 1;
        using var columns = nn.functional.unfold(input, (_kernel, _kernel), padding: (_padding, _padding), stride: (_stride, _stride));
        using var product = weight.reshape(outChannels, -1).matmul(columns);   // [B, C_out, H'·W']
        using var shaped = product.view(batch, outChannels, height, width);
        return conv.bias is null ? shaped.alias() : shaped + conv.bias.view(1, outChannels, 1, 1);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) conv.Dispose();
        base.Dispose(disposing);
    }
}
