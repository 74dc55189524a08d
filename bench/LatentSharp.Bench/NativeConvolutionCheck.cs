using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// <c>native-convolution-check [--repeats 3] [--shapes quick|full|dcgan|conv-autoencoder|odd] [--setenv-at ...]</c>:
/// libtorch's native strided convolutions against the same products by columns (unfold / fold and one matmul,
/// the definition), each shape called <c>--repeats</c> times: the forward of conv_transpose2d and conv2d and their
/// input and weight gradients. Shape sets: quick (kernel 4, stride 2, padding 1 — DCGAN's — batch 4, sides 2, 4, 7,
/// 14, channel pairs 1…128), full (also batch 128, sides 8 and 28), dcgan (the catalogue dcgan's four layers at
/// batch 128), conv-autoencoder (the conv-autoencoder's and conv-vae's four layers — kernel 3, stride 2, padding 1,
/// output padding 1 — at batches 128, 96 and 16, the training batch and the last batches of 60,000 and 10,000
/// images), odd (kernel 3 transposed convolutions to odd sides, which ExactConvTranspose2d routes by columns).
/// Prints one JSON line per shape that was ever wrong (|error| &gt; 1e-3 · (1 + |reference|max), or non-finite;
/// every shape for dcgan and conv-autoencoder) and a summary line with the oneDNN limit as the native environment
/// held it before the first convolution, and the library's <see cref="ConvolutionIsaLimit.State"/>.
/// <c>--setenv-at after-first-convolution</c> sets <c>DNNL_MAX_CPU_ISA=AVX2</c> through libc only after one native
/// convolution ran (<c>before-first-convolution</c>: after libtorch loaded, before any convolution; Program.cs
/// handles <c>before-torch-load</c>); run those with <c>LATENTSHARP_KEEP_CPU_ISA=1</c> so the library sets nothing.
/// </summary>
static class NativeConvolutionCheck
{
    record Shape(bool Transposed, int Batch, int In, int Out, int Side, int Kernel, int Stride, int Padding, int OutputPadding)
    {
        public int OutSide => Transposed ? (Side - 1) * Stride - 2 * Padding + Kernel + OutputPadding : (Side + 2 * Padding - Kernel) / Stride + 1;
    }

    public static void Run(int repeats, string shapeSet, string setenvAt, Action<object> emit)
    {
        // Reading the state touches the library, whose module initializer applies the limit (after libtorch loaded).
        var guard = ConvolutionIsaLimit.State;
        if (setenvAt == "after-first-convolution")
        {
            using var scope = NewDisposeScope();
            nn.functional.conv_transpose2d(randn(4, 1, 2, 2), randn(1, 1, 4, 4), null, [2, 2], [1, 1]);
        }
        if (setenvAt is "before-first-convolution" or "after-first-convolution") NativeEnvironment.Set(ConvolutionIsaLimit.Variable, ConvolutionIsaLimit.Isa);
        string isaAtStart = NativeEnvironment.Get(ConvolutionIsaLimit.Variable) ?? "";
        bool reportEveryShape = shapeSet is "dcgan" or "conv-autoencoder";
        int shapes = 0, wrongShapes = 0;
        foreach (var shape in Shapes(shapeSet))
        {
            shapes++;
            var wrong = new Dictionary<string, int>();
            double worst = 0;
            int nonFinite = 0;
            for (int r = 0; r < repeats; r++)
            {
                using var scope = NewDisposeScope();
                var weight = (shape.Transposed ? randn(shape.In, shape.Out, shape.Kernel, shape.Kernel, generator: new Generator(1))
                                               : randn(shape.Out, shape.In, shape.Kernel, shape.Kernel, generator: new Generator(1))) * 0.1;
                var bias = randn(shape.Out, generator: new Generator(2));
                var x = randn(shape.Batch, shape.In, shape.Side, shape.Side, generator: new Generator(3));
                var upstream = randn(shape.Batch, shape.Out, shape.OutSide, shape.OutSide, generator: new Generator(4));
                var (yNative, dxNative, dwNative) = Pass(shape, x, weight, bias, upstream, byColumns: false);
                var (yColumns, dxColumns, dwColumns) = Pass(shape, x, weight, bias, upstream, byColumns: true);
                foreach (var (what, a, b) in new[] { ("output", yNative, yColumns), ("input-gradient", dxNative, dxColumns), ("weight-gradient", dwNative, dwColumns) })
                {
                    double error = (a - b).abs().max().item<float>(), scale = 1 + b.abs().max().item<float>();
                    if (!double.IsFinite(error)) nonFinite++;
                    else worst = Math.Max(worst, error / scale);
                    if (!double.IsFinite(error) || error > 1e-3 * scale) wrong[what] = wrong.GetValueOrDefault(what) + 1;
                }
            }
            if (wrong.Count > 0) wrongShapes++;
            if (wrong.Count == 0 && !reportEveryShape) continue;
            emit(new Dictionary<string, object> {
                ["layer"] = shape.Transposed ? "conv_transpose2d" : "conv2d", ["batch"] = shape.Batch, ["in"] = shape.In, ["out"] = shape.Out,
                ["side"] = shape.Side, ["out_side"] = shape.OutSide, ["kernel"] = shape.Kernel, ["stride"] = shape.Stride, ["padding"] = shape.Padding,
                ["output_padding"] = shape.OutputPadding,
                ["wrong_calls"] = wrong, ["non_finite_results"] = nonFinite, ["repeats"] = repeats, ["worst_finite_relative_error"] = worst });
        }
        emit(new Dictionary<string, object> { ["experiment"] = "native-convolution-check", ["shape_set"] = shapeSet, ["shapes"] = shapes, ["wrong_shapes"] = wrongShapes,
            ["threads"] = get_num_threads(), ["torchsharp"] = typeof(torch).Assembly.GetName().Version!.ToString(),
            ["DNNL_MAX_CPU_ISA"] = isaAtStart, ["library_guard"] = guard.ToString(), ["setenv_at"] = setenvAt,
            [ConvolutionIsaLimit.OptOutVariable] = Environment.GetEnvironmentVariable(ConvolutionIsaLimit.OptOutVariable) ?? "" });
    }

    static IEnumerable<Shape> Shapes(string set)
    {
        switch (set)
        {
            case "dcgan":
                yield return new(false, 128, 1, 64, 28, 4, 2, 1, 0);
                yield return new(false, 128, 64, 128, 14, 4, 2, 1, 0);
                yield return new(true, 128, 128, 64, 7, 4, 2, 1, 0);
                yield return new(true, 128, 64, 1, 14, 4, 2, 1, 0);
                yield break;
            case "conv-autoencoder":   // default channels 32, 64; kernel 3, stride 2, padding kernel / 2; 28 → 14 → 7 and back
                foreach (var batch in new[] { 128, 96, 16 })
                {
                    yield return new(false, batch, 1, 32, 28, 3, 2, 1, 0);
                    yield return new(false, batch, 32, 64, 14, 3, 2, 1, 0);
                    yield return new(true, batch, 64, 32, 7, 3, 2, 1, 1);
                    yield return new(true, batch, 32, 1, 14, 3, 2, 1, 1);
                }
                yield break;
            case "odd":   // 2·side − 1: the sides ExactConvTranspose2d never sends to libtorch
                foreach (var (cin, cout) in new[] { (4, 2), (4, 1), (32, 1), (64, 32) })
                foreach (var side in new[] { 4, 5, 7, 14 })
                    yield return new(true, 8, cin, cout, side, 3, 2, 1, 0);
                yield break;
            case "quick":
            case "full":
                bool quick = set == "quick";
                foreach (var batch in quick ? new[] { 4 } : new[] { 4, 128 })
                foreach (var (cin, cout) in new[] { (1, 1), (2, 1), (3, 1), (4, 1), (16, 1), (64, 1), (4, 2), (4, 3), (4, 4), (8, 4), (1, 64), (64, 128), (128, 64) })
                foreach (var side in quick ? new[] { 2, 4, 7, 14 } : new[] { 2, 4, 7, 8, 14, 28 })
                foreach (var transposed in new[] { true, false })
                    if (transposed || side >= 4) yield return new(transposed, batch, cin, cout, side, 4, 2, 1, 0);
                yield break;
            default:
                throw new ArgumentException($"unknown shape set '{set}' (quick, full, dcgan, conv-autoencoder, odd)");
        }
    }

    static (Tensor Output, Tensor InputGradient, Tensor WeightGradient) Pass(Shape s, Tensor x0, Tensor weight0, Tensor bias, Tensor upstream, bool byColumns)
    {
        var x = x0.clone().requires_grad_(true);
        var weight = weight0.clone().requires_grad_(true);
        long batch = s.Batch, side = s.Side, outSide = s.OutSide;
        var (kernel, stride, padding) = ((long)s.Kernel, (long)s.Stride, (long)s.Padding);
        Tensor y = s.Transposed
            ? byColumns
                ? nn.functional.fold(weight.reshape(s.In, -1).t().matmul(x.reshape(batch, s.In, side * side)), (outSide, outSide), (kernel, kernel),
                    padding: (padding, padding), stride: (stride, stride)) + bias.view(1, s.Out, 1, 1)
                : nn.functional.conv_transpose2d(x, weight, bias, [stride, stride], [padding, padding], [s.OutputPadding, s.OutputPadding])
            : byColumns
                ? weight.reshape(s.Out, -1).matmul(nn.functional.unfold(x, (kernel, kernel), padding: (padding, padding), stride: (stride, stride)))
                    .view(batch, s.Out, outSide, outSide) + bias.view(1, s.Out, 1, 1)
                : nn.functional.conv2d(x, weight, bias, [stride, stride], [padding, padding]);
        (y * upstream).sum().backward();
        return (y.detach(), x.grad!.clone(), weight.grad!.clone());
    }
}
