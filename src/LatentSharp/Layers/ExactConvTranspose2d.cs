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

    readonly bool _alwaysByColumns;

    /// <summary>Creates the layer; output paddings must be smaller than the stride.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernel">Square kernel size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Padding of the matching convolution.</param>
    /// <param name="outputPaddingHeight">Extra rows at the bottom, in [0, stride).</param>
    /// <param name="outputPaddingWidth">Extra columns at the right, in [0, stride).</param>
    /// <param name="alwaysByColumns">
    /// Take the column-to-image route for every size. Without the library's oneDNN limit
    /// (<see cref="LatentSharp.Training.ConvolutionIsaLimit"/>) libtorch 2.10's transposed convolution is wrong on
    /// even sides too for few output channels on AVX-512 machines (e.g. 1–4 → 1 channel at 2×2 and 4×4,
    /// bench/results/dcgan.md); under the limit the native kernel is right, so this is an option, not the default.
    /// </param>
    public ExactConvTranspose2d(long inChannels, long outChannels, long kernel, long stride, long padding, long outputPaddingHeight, long outputPaddingWidth,
        bool alwaysByColumns = false)
        : base(nameof(ExactConvTranspose2d))
    {
        _alwaysByColumns = alwaysByColumns;
        if (outputPaddingHeight < 0 || outputPaddingHeight >= stride || outputPaddingWidth < 0 || outputPaddingWidth >= stride)
            throw new ArgumentException($"Output padding ({outputPaddingHeight}, {outputPaddingWidth}) must be in [0, {stride - 1}] for stride {stride}: this kernel/stride cannot reach the input size exactly.");
        conv = nn.ConvTranspose2d(inChannels, outChannels, kernel, stride, padding);
        _stride = [stride, stride];
        _padding = [padding, padding];
        _outputPadding = [outputPaddingHeight, outputPaddingWidth];
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        long height = OutputSize(input.shape[2], 0), width = OutputSize(input.shape[3], 1);
        // libtorch's CPU transposed convolution (as TorchSharp 0.107 ships it) returned wrong values, and read
        // uninitialised memory (NaN now and then), when an output side is odd; even sides match a direct summation
        // (ExactConvTranspose2dTests) except for few output channels (see alwaysByColumns). Both faults are oneDNN's
        // AVX-512 path: under ConvolutionIsaLimit's AVX2 limit 16 odd-side shapes were right in 6 calls each (6 wrong
        // without it; bench/results/dcgan.md). Odd sides still take the column-to-image route, which is right
        // whatever the limit (a user may lift it).
        if (!_alwaysByColumns && height % 2 == 0 && width % 2 == 0)
            return nn.functional.conv_transpose2d(input, conv.weight!, conv.bias, _stride, _padding, _outputPadding);
        return ByColumns(input, height, width);
    }

    long OutputSize(long inputSize, int dimension) =>
        (inputSize - 1) * _stride[dimension] - 2 * _padding[dimension] + conv.weight!.shape[2 + dimension] + _outputPadding[dimension];

    // Each input pixel spreads its C_in values through the kernel into a C_out × k × k block (one
    // product), and fold adds the overlapping blocks into place: the definition, in two libtorch calls.
    Tensor ByColumns(Tensor input, long height, long width)
    {
        var weight = conv.weight!;
        long batch = input.shape[0], inChannels = input.shape[1], pixels = input.shape[2] * input.shape[3];
        long outChannels = weight.shape[1], kernelHeight = weight.shape[2], kernelWidth = weight.shape[3];
        using var columns = weight.reshape(inChannels, -1).t().matmul(input.reshape(batch, inChannels, pixels));
        var output = nn.functional.fold(columns, (height, width), (kernelHeight, kernelWidth),
            padding: (_padding[0], _padding[1]), stride: (_stride[0], _stride[1]));
        if (conv.bias is null) return output;
        using (output) return output + conv.bias.view(1, outChannels, 1, 1);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) conv.Dispose();
        base.Dispose(disposing);
    }
}
