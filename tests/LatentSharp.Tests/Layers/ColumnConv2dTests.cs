using LatentSharp.Layers;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Layers;

public class ColumnConv2dTests
{
    [Theory]
    [InlineData(4, 28)]
    [InlineData(3, 7)]
    [InlineData(4, 8)]
    public void Matches_libtorch_convolution_and_its_input_gradient_is_always_finite(int kernel, int size)
    {
        manual_seed(3);
        using var layer = new ColumnConv2d(2, 3, kernel, 2, (kernel - 1) / 2);
        var reference = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        for (int trial = 0; trial < 10; trial++)
        {
            using var scope = NewDisposeScope();
            var input = rand(8, 2, size, size, requires_grad: true);
            var output = layer.call(input);
            var expected = nn.functional.conv2d(input.detach(), reference["conv.weight"].detach(), reference["conv.bias"].detach(), [2, 2], [(kernel - 1) / 2, (kernel - 1) / 2]);
            Assert.True(output.detach().allclose(expected, rtol: 1e-4, atol: 1e-5));
            // libtorch's own strided convolution gives a non-finite input gradient now and then on these shapes.
            output.sum().backward();
            Assert.True(input.grad!.isfinite().all().item<bool>());
        }
    }

    [Theory]
    [InlineData(4, 28)]
    [InlineData(3, 7)]
    public void The_native_route_gives_the_column_route_s_output_and_gradients(int kernel, int size)
    {
        manual_seed(5);
        using var columns = new ColumnConv2d(3, 4, kernel, 2, (kernel - 1) / 2, byColumns: true);
        using var native = new ColumnConv2d(3, 4, kernel, 2, (kernel - 1) / 2, byColumns: false);
        // Same state names either way, so one set of weights (a saved run) serves both routes.
        Assert.Equal(columns.state_dict().Keys.OrderBy(k => k), native.state_dict().Keys.OrderBy(k => k));
        native.load_state_dict(columns.state_dict());
        using var x = rand([6, 3, size, size], generator: new Generator(6));
        using var upstream = randn([6, 4, (size + 2 * ((kernel - 1) / 2) - kernel) / 2 + 1, (size + 2 * ((kernel - 1) / 2) - kernel) / 2 + 1], generator: new Generator(7));
        var (yColumns, dxColumns, dwColumns) = Pass(columns, x, upstream);
        var (yNative, dxNative, dwNative) = Pass(native, x, upstream);
        Assert.True(yColumns.allclose(yNative, rtol: 1e-4, atol: 1e-5), "outputs differ");
        Assert.True(dxColumns.allclose(dxNative, rtol: 1e-4, atol: 1e-4), "input gradients differ");
        Assert.True(dwColumns.allclose(dwNative, rtol: 1e-4, atol: 1e-4), "weight gradients differ");
    }

    static (Tensor Output, Tensor InputGradient, Tensor WeightGradient) Pass(ColumnConv2d layer, Tensor x, Tensor upstream)
    {
        var input = x.clone().requires_grad_(true);
        var output = layer.call(input);
        (output * upstream).sum().backward();
        return (output.detach(), input.grad!.clone(), layer.parameters().First().grad!.clone());
    }
}
