using LatentSharp.Visualization;
using SkiaSharp;

namespace LatentSharp.Tests.Visualization;

public sealed class LineChartTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void SaveCurves_WritesAPngOfTheRequestedSize()
    {
        double[] epochs = [1, 2, 3, 4, 5];
        var path = directory.File("curves.png");

        LineChart.SaveCurves(path, "Loss", "epoch", "loss",
            [("train", epochs, [1.0, 0.6, 0.4, 0.3, 0.25]), ("validation", epochs, [1.1, 0.7, 0.5, 0.45, double.NaN])],
            width: 640, height: 400);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(640, bitmap.Width);
        Assert.Equal(400, bitmap.Height);
        Assert.Equal([".png"], Directory.GetFiles(directory.Path).Select(Path.GetExtension));
    }

    [Fact]
    public void SaveTrainingCurves_PlotsLossKeysAgainstEpoch()
    {
        var metrics = Enumerable.Range(1, 8).Select(epoch => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>
        {
            ["epoch"] = epoch,
            ["train.loss"] = 1.0 / epoch,
            ["train.recon"] = 0.8 / epoch,
            ["validation.loss"] = 1.2 / epoch,
        }).ToList();
        var path = directory.File("training.png");

        LineChart.SaveTrainingCurves(path, metrics);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(500, bitmap.Height);
    }

    [Fact]
    public void SaveTrainingCurves_WithoutLossKeys_ListsTheKeysFound()
    {
        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double> { ["epoch"] = 1, ["train.recon"] = 0.5 };

        var error = Assert.Throws<ArgumentException>(() => LineChart.SaveTrainingCurves(directory.File("x.png"), [metrics]));

        Assert.Equal("epochMetrics", error.ParamName);
        Assert.Contains("train.recon", error.Message);
        Assert.Equal("epochMetrics", Assert.Throws<ArgumentException>(() => LineChart.SaveTrainingCurves(directory.File("x.png"), Array.Empty<IReadOnlyDictionary<string, double>>())).ParamName);
    }

    [Fact]
    public void SaveCurves_RefusesMismatchedSeriesAndBadSizes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LineChart.SaveCurves(directory.File("x.png"), "t", "x", "y", [("train", [1.0, 2.0], [1.0])]));
        Assert.Equal("series", error.ParamName);
        Assert.Contains("train", error.Message);

        Assert.Equal("series", Assert.Throws<ArgumentException>(() =>
            LineChart.SaveCurves(directory.File("x.png"), "t", "x", "y", [])).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LineChart.SaveCurves(directory.File("x.png"), "t", "x", "y", [("a", [1.0], [1.0])], width: 10)).ParamName);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
