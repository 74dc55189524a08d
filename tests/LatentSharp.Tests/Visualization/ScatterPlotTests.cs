using LatentSharp.Visualization;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Visualization;

public sealed class ScatterPlotTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void SaveLatentScatter_WithLabels_WritesADecodablePng()
    {
        using var generator = new Generator(7);
        using var codes = randn(new long[] { 300, 2 }, generator: generator);
        using var labels = arange(300, dtype: ScalarType.Int64).remainder(3);
        var path = directory.File("latent.png");

        ScatterPlot.SaveLatentScatter(path, codes, labels, ["T-shirt", "Trouser", "Pullover"], "Latent space");

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(700, bitmap.Height);
    }

    [Fact]
    public void SaveLatentScatter_WithoutLabels_Works()
    {
        using var codes = rand(50, 2);
        var path = directory.File("plain.png");

        ScatterPlot.SaveLatentScatter(path, codes, null, null, "codes", width: 400, height: 400);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(400, bitmap.Width);
    }

    [Fact]
    public void SaveLatentScatter_RefusesBadShapes_NamingTheParameter()
    {
        using var threeDimensional = rand(10, 3);
        using var codes = rand(10, 2);
        using var shortLabels = zeros(new long[] { 9 }, dtype: ScalarType.Int64);
        using var floatLabels = zeros(10);

        Assert.Equal("codes", Assert.Throws<ArgumentException>(() =>
            ScatterPlot.SaveLatentScatter(directory.File("a.png"), threeDimensional, null, null, "t")).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() =>
            ScatterPlot.SaveLatentScatter(directory.File("b.png"), codes, shortLabels, null, "t")).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() =>
            ScatterPlot.SaveLatentScatter(directory.File("c.png"), codes, floatLabels, null, "t")).ParamName);
    }
}
