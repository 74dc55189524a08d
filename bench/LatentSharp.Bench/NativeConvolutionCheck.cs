using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// <c>native-convolution-check [--repeats 3] [--quick | --dcgan]</c> (quick: batch 4, sides 2, 4, 7, 14; dcgan: its four layers at batch 128, every one reported): libtorch's native strided convolutions (kernel 4, stride 2,
/// padding 1, DCGAN's) against the same products by columns (unfold / fold and one matmul, the definition),
/// over channel counts, sides and batch sizes, each shape called <c>--repeats</c> times: the forward of
/// conv_transpose2d and conv2d and their input and weight gradients. Prints one JSON line per shape that was
/// ever wrong (|error| &gt; 1e-3 · (1 + |reference|max), or non-finite) and a summary line.
/// </summary>
static class NativeConvolutionCheck
{
    public static void Run(int repeats, bool quick, bool dcgan, Action<object> emit)
    {
        int shapes = 0, wrongShapes = 0;
        foreach (var (transposed, batch, cin, cout, side) in Shapes(quick, dcgan))
        {
            shapes++;
            var wrong = new Dictionary<string, int>();
            double worst = 0;
            int nonFinite = 0;
            for (int r = 0; r < repeats; r++)
            {
                using var scope = NewDisposeScope();
                var weight = (transposed ? randn(cin, cout, 4, 4, generator: new Generator(1)) : randn(cout, cin, 4, 4, generator: new Generator(1))) * 0.1;
                var bias = randn(cout, generator: new Generator(2));
                var x = randn(batch, cin, side, side, generator: new Generator(3));
                int outSide = transposed ? 2 * side : side / 2;
                var upstream = randn(batch, cout, outSide, outSide, generator: new Generator(4));
                var (yNative, dxNative, dwNative) = Pass(x, weight, bias, upstream, transposed, byColumns: false);
                var (yColumns, dxColumns, dwColumns) = Pass(x, weight, bias, upstream, transposed, byColumns: true);
                foreach (var (what, a, b) in new[] { ("output", yNative, yColumns), ("input-gradient", dxNative, dxColumns), ("weight-gradient", dwNative, dwColumns) })
                {
                    double error = (a - b).abs().max().item<float>(), scale = 1 + b.abs().max().item<float>();
                    if (!double.IsFinite(error)) nonFinite++;
                    else worst = Math.Max(worst, error / scale);
                    if (!double.IsFinite(error) || error > 1e-3 * scale) wrong[what] = wrong.GetValueOrDefault(what) + 1;
                }
            }
            if (wrong.Count == 0 && !dcgan) continue;
            if (wrong.Count > 0) wrongShapes++;
            emit(new Dictionary<string, object> {
                ["layer"] = transposed ? "conv_transpose2d" : "conv2d", ["batch"] = batch, ["in"] = cin, ["out"] = cout, ["side"] = side,
                ["wrong_calls"] = wrong, ["non_finite_results"] = nonFinite, ["repeats"] = repeats, ["worst_finite_relative_error"] = worst });
        }
        emit(new Dictionary<string, object> { ["experiment"] = "native-convolution-check", ["shapes"] = shapes, ["wrong_shapes"] = wrongShapes,
            ["threads"] = get_num_threads(), ["torchsharp"] = typeof(torch).Assembly.GetName().Version!.ToString(),
            ["DNNL_MAX_CPU_ISA"] = Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") ?? "" });
    }

    // (transposed, batch, in, out, side); dcgan: the catalogue dcgan's four layers at batch 128.
    static IEnumerable<(bool, int, int, int, int)> Shapes(bool quick, bool dcgan)
    {
        if (dcgan)
        {
            yield return (false, 128, 1, 64, 28);
            yield return (false, 128, 64, 128, 14);
            yield return (true, 128, 128, 64, 7);
            yield return (true, 128, 64, 1, 14);
            yield break;
        }
        foreach (var batch in quick ? new[] { 4 } : new[] { 4, 128 })
        foreach (var (cin, cout) in new[] { (1, 1), (2, 1), (3, 1), (4, 1), (16, 1), (64, 1), (4, 2), (4, 3), (4, 4), (8, 4), (1, 64), (64, 128), (128, 64) })
        foreach (var side in quick ? new[] { 2, 4, 7, 14 } : new[] { 2, 4, 7, 8, 14, 28 })
        foreach (var transposed in new[] { true, false })
            if (transposed || side >= 4) yield return (transposed, batch, cin, cout, side);
    }

    static (Tensor Output, Tensor InputGradient, Tensor WeightGradient) Pass(Tensor x0, Tensor weight0, Tensor bias, Tensor upstream, bool transposed, bool byColumns)
    {
        var x = x0.clone().requires_grad_(true);
        var weight = weight0.clone().requires_grad_(true);
        long batch = x.shape[0], side = x.shape[2];
        Tensor y;
        if (transposed)
        {
            long cin = weight.shape[0], cout = weight.shape[1];
            y = byColumns
                ? nn.functional.fold(weight.reshape(cin, -1).t().matmul(x.reshape(batch, cin, side * side)), (2 * side, 2 * side), (4, 4), padding: (1, 1), stride: (2, 2)) + bias.view(1, cout, 1, 1)
                : nn.functional.conv_transpose2d(x, weight, bias, new long[] { 2, 2 }, new long[] { 1, 1 });
        }
        else
        {
            long cout = weight.shape[0], outSide = side / 2;
            y = byColumns
                ? weight.reshape(cout, -1).matmul(nn.functional.unfold(x, (4, 4), padding: (1, 1), stride: (2, 2))).view(batch, cout, outSide, outSide) + bias.view(1, cout, 1, 1)
                : nn.functional.conv2d(x, weight, bias, new long[] { 2, 2 }, new long[] { 1, 1 });
        }
        (y * upstream).sum().backward();
        return (y.detach(), x.grad!.clone(), weight.grad!.clone());
    }
}
