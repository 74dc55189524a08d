using LatentSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Layers;

public class ExactConvTranspose2dTests
{
    // The definition, summed directly: every input pixel adds weight × value to the outputs its kernel covers.
    static Tensor DirectSum(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int outHeight, int outWidth)
    {
        int n = (int)x.shape[0], cin = (int)x.shape[1], h = (int)x.shape[2], w = (int)x.shape[3], cout = (int)weight.shape[1], k = (int)weight.shape[2];
        var xs = x.contiguous().data<float>().ToArray();
        var ws = weight.detach().contiguous().data<float>().ToArray();
        var bs = bias.detach().data<float>().ToArray();
        var output = new double[n * cout * outHeight * outWidth];
        for (int b = 0; b < n; b++)
            for (int co = 0; co < cout; co++)
                for (int q = 0; q < outHeight * outWidth; q++) output[(b * cout + co) * outHeight * outWidth + q] = bs[co];
        for (int b = 0; b < n; b++) for (int c = 0; c < cin; c++) for (int co = 0; co < cout; co++)
            for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) for (int ki = 0; ki < k; ki++) for (int kj = 0; kj < k; kj++)
            {
                int oi = i * stride - padding + ki, oj = j * stride - padding + kj;
                if (oi < 0 || oi >= outHeight || oj < 0 || oj >= outWidth) continue;
                output[((b * cout + co) * outHeight + oi) * outWidth + oj] += xs[((b * cin + c) * h + i) * w + j] * ws[((c * cout + co) * k + ki) * k + kj];
            }
        return tensor(output).reshape(n, cout, outHeight, outWidth).to(ScalarType.Float32);
    }

    [Theory]
    [InlineData(5, 8, 1, 1)]   // 10×16: both sides even
    [InlineData(5, 8, 0, 1)]   // 9×16: libtorch's kernel is wrong here
    [InlineData(4, 4, 0, 0)]   // 7×7
    [InlineData(5, 8, 1, 0)]   // 10×15
    public void Matches_the_direct_sum_for_odd_and_even_output_sides(int height, int width, int outputPaddingHeight, int outputPaddingWidth)
    {
        using var layer = new ExactConvTranspose2d(4, 2, 3, 2, 1, outputPaddingHeight, outputPaddingWidth);
        var parameters = layer.parameters().ToArray();
        using var x = rand(3, 4, height, width, generator: new Generator(3));
        int outHeight = (height - 1) * 2 - 2 + 3 + outputPaddingHeight, outWidth = (width - 1) * 2 - 2 + 3 + outputPaddingWidth;
        // The broken kernel accumulates into memory it never cleared: leave NaN in freed blocks of the output's size so it shows.
        for (int i = 0; i < 4; i++) full(new long[] { 3, 2, outHeight, outWidth }, double.NaN).Dispose();
        using var y = layer.call(x);
        using var expected = DirectSum(x, parameters[0], parameters[1], 2, 1, outHeight, outWidth);
        Assert.Equal(expected.shape, y.shape);
        double error = (y - expected).abs().max().ToDouble();
        Assert.True(error < 1e-5, $"max |layer − direct sum| = {error:G3}");
    }

    // Kernel 4, stride 2, padding 1 (DCGAN's). By columns on every shape, including few-channel ones where
    // libtorch 2.10's native kernel (oneDNN's AVX-512 path) is wrong (bench/results/dcgan.md); natively only on
    // the catalogue dcgan's own shapes (128 → 64 at 7 × 7, 64 → 1 at 14 × 14), which are right.
    [Theory]
    [InlineData(7, true, 5, 3)]
    [InlineData(2, true, 5, 3)]
    [InlineData(4, true, 4, 1)]
    [InlineData(2, true, 2, 1)]
    [InlineData(7, true, 128, 64)]
    [InlineData(14, true, 64, 1)]
    [InlineData(7, false, 128, 64)]
    [InlineData(14, false, 64, 1)]
    public void Kernel_four_doubles_the_side_exactly_by_either_route(int side, bool byColumns, int inChannels, int outChannels)
    {
        using var layer = new ExactConvTranspose2d(inChannels, outChannels, 4, 2, 1, 0, 0, alwaysByColumns: byColumns);
        var parameters = layer.parameters().ToArray();
        using var x = randn(4, inChannels, side, side, generator: new Generator(8));
        for (int i = 0; i < 4; i++) full(new long[] { 4, outChannels, 2 * side, 2 * side }, double.NaN).Dispose();
        using var y = layer.call(x);
        using var expected = DirectSum(x, parameters[0], parameters[1], 2, 1, 2 * side, 2 * side);
        double error = (y - expected).abs().max().ToDouble();
        Assert.True(error < 1e-4, $"max |layer − direct sum| = {error:G3}");
    }

    [Fact]
    public void Odd_output_sides_back_propagate_to_the_weights()
    {
        using var layer = new ExactConvTranspose2d(4, 2, 3, 2, 1, 0, 1);
        using var x = rand(2, 4, 5, 8, generator: new Generator(4));
        layer.call(x).square().sum().backward();
        var weight = layer.parameters().First();
        Assert.NotNull(weight.grad);
        Assert.True(weight.grad!.abs().sum().ToDouble() > 0);
    }
}
