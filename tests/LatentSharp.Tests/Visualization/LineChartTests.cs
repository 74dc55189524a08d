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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SaveCurves_DrawsTheSeriesWhereItsValuesAre(bool falling)
    {
        double[] epochs = [1, 2, 3, 4, 5, 6, 7, 8];
        var values = epochs.Select(e => falling ? 1.0 / e : e).ToArray();
        var path = directory.File("curve.png");

        LineChart.SaveCurves(path, "Loss", "epoch", "loss", [("train", epochs, values)], width: 600, height: 400);

        // The first series is drawn in Category10's first colour; the legend's sample of it is tiny
        // next to the line, so medians over each third of the width follow the line.
        using var bitmap = SKBitmap.Decode(path);
        var lineColour = new SKColor(0x1f, 0x77, 0xb4);
        var left = new List<int>();
        var right = new List<int>();
        for (int x = 0; x < bitmap.Width; x++)
            for (int y = 0; y < bitmap.Height; y++)
            {
                if (!Near(bitmap.GetPixel(x, y), lineColour)) continue;
                if (x < bitmap.Width / 3) left.Add(y);
                else if (x >= 2 * bitmap.Width / 3) right.Add(y);
            }
        Assert.True(left.Count > 50 && right.Count > 50, $"the line is missing: {left.Count} and {right.Count} pixels of its colour");
        int leftY = Median(left), rightY = Median(right);
        // Screen y grows downwards: a falling loss starts high (small y) and ends low (large y).
        if (falling) Assert.True(rightY - leftY > bitmap.Height / 4, $"falling series drawn from y={leftY} to y={rightY}");
        else Assert.True(leftY - rightY > bitmap.Height / 4, $"rising series drawn from y={leftY} to y={rightY}");
    }

    static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 30;

    static int Median(List<int> values)
    {
        values.Sort();
        return values[values.Count / 2];
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
