using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Layers;

/// <summary>
/// A transposed convolution with its own output padding per dimension, so a decoder lands on
/// odd or non-square input sizes exactly. TorchSharp 0.107's tuple overload of
/// <c>nn.ConvTranspose2d</c> does not apply a per-dimension output padding, so the layer keeps
/// a standard <c>ConvTranspose2d</c> (for PyTorch's initialisation and state names
/// <c>conv.weight</c>, <c>conv.bias</c>) and calls the functional form with the padding itself.
/// </summary>
public sealed class ExactConvTranspose2d : nn.Module<Tensor, Tensor>
{
    readonly ConvTranspose2d conv;
    readonly long[] _stride, _padding, _outputPadding;

    /// <summary>Creates the layer; output paddings must be smaller than the stride.</summary>
    public ExactConvTranspose2d(long inChannels, long outChannels, long kernel, long stride, long padding, long outputPaddingHeight, long outputPaddingWidth)
        : base(nameof(ExactConvTranspose2d))
    {
        if (outputPaddingHeight < 0 || outputPaddingHeight >= stride || outputPaddingWidth < 0 || outputPaddingWidth >= stride)
            throw new ArgumentException($"Output padding ({outputPaddingHeight}, {outputPaddingWidth}) must be in [0, {stride - 1}] for stride {stride}: this kernel/stride cannot reach the input size exactly.");
        conv = nn.ConvTranspose2d(inChannels, outChannels, kernel, stride, padding);
        _stride = [stride, stride];
        _padding = [padding, padding];
        _outputPadding = [outputPaddingHeight, outputPaddingWidth];
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) =>
        nn.functional.conv_transpose2d(input, conv.weight!, conv.bias, _stride, _padding, _outputPadding);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) conv.Dispose();
        base.Dispose(disposing);
    }
}
