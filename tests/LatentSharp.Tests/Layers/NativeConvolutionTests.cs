using LatentSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Layers;

/// <summary>
/// Shapes on which libtorch 2.10's native kernels (oneDNN's AVX-512 path) were wrong on an AVX-512 machine
/// (bench/results/dcgan-native-check/default-isa.jsonl: relative errors 0.08–0.27, one non-finite). In a process
/// that loaded LatentSharp, <see cref="LatentSharp.Training.ConvolutionIsaLimit"/> keeps oneDNN on AVX2, where they are
/// right; run with LATENTSHARP_KEEP_CPU_ISA=1 on such a machine and these tests fail.
/// </summary>
public class NativeConvolutionTests
{
    // Kernel 4, stride 2, padding 1 (DCGAN's), batch 4.
    [Theory]
    [InlineData(2, 1, 2)]   // non-finite natively under AVX-512
    [InlineData(1, 1, 4)]
    [InlineData(4, 1, 4)]
    public void Native_transposed_convolution_equals_the_column_route(int inChannels, int outChannels, int side)
    {
        using var columns = new ExactConvTranspose2d(inChannels, outChannels, 4, 2, 1, 0, 0, alwaysByColumns: true);
        using var native = new ExactConvTranspose2d(inChannels, outChannels, 4, 2, 1, 0, 0, alwaysByColumns: false);
        native.load_state_dict(columns.state_dict());
        using var x = randn(4, inChannels, side, side, generator: new Generator(3));
        // Leave NaN in freed blocks of the output's size, so memory a kernel reads without writing shows.
        for (int i = 0; i < 4; i++) full(new long[] { 4, outChannels, 2 * side, 2 * side }, double.NaN).Dispose();
        using var expected = columns.call(x);
        using var actual = native.call(x);
        Assert.True(actual.isfinite().all().item<bool>(), "non-finite native output");
        double error = (actual - expected).abs().max().ToDouble();
        Assert.True(error < 1e-4 * (1 + expected.abs().max().ToDouble()), $"max |native − columns| = {error:G3}");
    }

    [Theory]
    [InlineData(1, 1, 7)]
    [InlineData(2, 1, 14)]
    [InlineData(4, 3, 4)]
    public void Native_convolution_input_gradient_equals_the_column_route(int inChannels, int outChannels, int side)
    {
        using var columns = new ColumnConv2d(inChannels, outChannels, 4, 2, 1, byColumns: true);
        using var native = new ColumnConv2d(inChannels, outChannels, 4, 2, 1, byColumns: false);
        native.load_state_dict(columns.state_dict());
        using var x = randn(4, inChannels, side, side, generator: new Generator(3));
        using var upstream = randn(4, outChannels, side / 2, side / 2, generator: new Generator(4));
        using var expected = InputGradient(columns, x, upstream);
        using var actual = InputGradient(native, x, upstream);
        Assert.True(actual.isfinite().all().item<bool>(), "non-finite native input gradient");
        double error = (actual - expected).abs().max().ToDouble();
        Assert.True(error < 1e-4 * (1 + expected.abs().max().ToDouble()), $"max |native − columns| = {error:G3}");
    }

    static Tensor InputGradient(ColumnConv2d layer, Tensor x, Tensor upstream)
    {
        using var input = x.clone().requires_grad_(true);
        using (var output = layer.call(input)) using (var product = (output * upstream).sum()) product.backward();
        return input.grad!.clone();
    }
}
