using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Competitive;
using LatentSharp.Training;
using LatentSharp.Visualization;
using SkiaSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Visualization;

/// <summary>Pictures a new user can read: whole-epoch ticks and units, captioned centroids, visible whitened patches.</summary>
public sealed class PictureLegibilityTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData(1, 3, new double[] { 1, 2, 3 })]
    [InlineData(1, 1, new double[] { 1 })]
    [InlineData(1, 12, new double[] { 2, 4, 6, 8, 10, 12 })]
    [InlineData(1, 37, new double[] { 5, 10, 15, 20, 25, 30, 35 })]
    [InlineData(3, 250, new double[] { 50, 100, 150, 200, 250 })]
    public void EpochTicks_AreWholeEpochsAtRoundSteps(double first, double last, double[] expected) =>
        Assert.Equal(expected, EpochAxis.Ticks(first, last));

    [Fact]
    public void TrainingChart_OfThreeEpochs_HasTicksOnlyAtWholeEpochsAndAxisUnits()
    {
        var epochs = Enumerable.Range(1, 3)
            .Select(e => Record(e, "train", 100.0 / e))
            .ToList();
        const string lossLabel = "loss per sample (binary cross-entropy, nats)";

        var plot = LineChart.BuildTrainingPlot(epochs, lossLabel);
        plot.GetImageBytes(800, 500, ScottPlot.ImageFormat.Png); // ticks are generated while rendering

        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal([1.0, 2.0, 3.0], ticks.Select(t => t.Position));
        Assert.Equal(["1", "2", "3"], ticks.Select(t => t.Label));
        Assert.Equal(EpochAxis.Label, plot.Axes.Bottom.Label.Text);
        Assert.Equal(lossLabel, plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void TrainingChart_WithPhases_MarksEachChangeBetweenItsEpochs()
    {
        var epochs = new List<EpochRecord>
        {
            Record(1, "layer-1", 5), Record(2, "layer-1", 4), Record(3, "fine-tune", 3), Record(4, "fine-tune", 2),
        };

        var plot = LineChart.BuildTrainingPlot(epochs, "loss");

        var marker = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>());
        Assert.Equal(2.5, marker.X);
        var name = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Text>());
        Assert.Equal("fine-tune", name.LabelText);
        Assert.Equal(2.5, name.Location.X);
        Assert.True(name.Location.Y > 5, "the phase name sits above the highest point, inside the plot");
        Assert.Equal("Training curves, phases layer-1 → fine-tune (dashed lines)", plot.Axes.Title.Label.Text);
    }

    [Fact]
    public void LossAxis_NamesTheUnitTheOptionsImply()
    {
        Assert.Contains("nats", LossAxis.Label(new AutoencoderOptions { Loss = ReconstructionLoss.Bce }));
        Assert.Contains("squared", LossAxis.Label(new AutoencoderOptions { Loss = ReconstructionLoss.Mse }));
        Assert.Equal(LossAxis.Unknown, LossAxis.Label(new KMeansOptions()));
        Assert.Equal(LossAxis.Unknown, LossAxis.Label(null));
        // A stacked autoencoder's upper layers reconstruct codes, often by squared error: no single unit.
        Assert.Equal(LossAxis.PerPhase, LossAxis.Label(new StackedAutoencoderOptions(), phases: 3));
    }

    [Fact]
    public void Captions_AreDrawnInABandUnderEachImage_WiderTextWider()
    {
        using var images = full(2, 1, 8, 8, 0.5f);
        var plain = directory.File("plain.png");
        var captioned = directory.File("captioned.png");
        var options = new ImageGridOptions { Columns = 2, Scale = 10, Gap = 2 };

        ImageGrid.Save(plain, images, options);
        ImageGrid.Save(captioned, images, options with { Captions = ["#0 n=5", "#1 n=12345"] });

        using var without = SKBitmap.Decode(plain);
        using var with = SKBitmap.Decode(captioned);
        Assert.Equal(without.Width, with.Width);
        Assert.True(with.Height > without.Height + 8, $"no caption band: {with.Height} vs {without.Height}");
        // Images are at the same place; the band below each holds ink, the longer caption more of it.
        Assert.Equal(128, with.GetPixel(2 + 40, 2 + 40).Red);
        var bandTop = 2 + 80;
        var inkFirst = InkColumns(with, 2, 2 + 80, bandTop, with.Height);
        var inkSecond = InkColumns(with, 2 + 82, 2 + 82 + 80, bandTop, with.Height);
        Assert.True(inkFirst > 10, $"first caption has {inkFirst} inked columns");
        Assert.True(inkSecond > inkFirst, $"'#1 n=12345' ({inkSecond} columns) is not wider than '#0 n=5' ({inkFirst})");
    }

    [Fact]
    public void Captions_MustMatchTheImages()
    {
        using var images = full(3, 1, 8, 8, 0.5f);
        var error = Assert.Throws<ArgumentException>(() =>
            ImageGrid.Save(directory.File("x.png"), images, new ImageGridOptions { Captions = ["a", "b"] }));
        Assert.Contains("one caption per image", error.Message);
    }

    [Fact]
    public void KMeansCentroids_AreCaptionedWithIndexAndPlantedClusterSizes()
    {
        // Three planted clusters of 4×4 "images" with 5, 10 and 20 members.
        using var generator = new Generator(3);
        var levels = new[] { (0.1f, 5), (0.5f, 10), (0.9f, 20) };
        using var features = cat(levels.Select(l => full(l.Item2, 1, 4, 4, l.Item1) + 0.01f * randn(l.Item2, 1, 4, 4, generator: generator)).ToArray());
        using var data = new Dataset("planted", features);
        using var model = (KMeans)ModelCatalog.Create("kmeans", new KMeansOptions { Clusters = 3 }, [1, 4, 4], CPU, seed: 1);
        model.Fit(features, seed: 1);

        var sizes = model.ClusterSizes(features);
        var files = model.DrawPictures(new PictureContext(directory.Path, data));

        Assert.Equal([5L, 10L, 20L], sizes.Order());
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"#{i} n={sizes[i]}"), KMeans.CentroidCaptions(sizes));
        var file = Assert.Single(files);
        Assert.Contains("size", file.Description);
        using var picture = SKBitmap.Decode(directory.File(KMeans.CentroidsFile));
        Assert.NotNull(picture);
        // 4×4 centroids are enlarged (about 84 px) and the caption band below them holds ink.
        Assert.True(picture.Width >= 3 * 80, $"centroids drawn {picture.Width} px wide");
    }

    [Fact]
    public void Reconstructions_OfWhitenedPatches_FullContrastPerOriginal_ReconstructionOnTheSameScale()
    {
        // Whitened-looking 8×8 patches: every value below 0, so clamping would draw them all black.
        using var ramp = linspace(-3, -1, 64).reshape(1, 64);
        using var features = ramp.repeat(4, 1) * tensor(new float[] { 1f, 0.5f, 2f, 1.5f }).unsqueeze(1);
        using var data = new Dataset("patches", features.reshape(4, 1, 8, 8));
        using var model = new HalfContrastReconstructor(); // keeps each patch's mean, halves its contrast
        var path = directory.File("reconstructions.png");

        RunPictures.DrawReconstructions(model, data, path, 4);

        using var reconstructions = model.Reconstruct(data.Features);
        var (_, _, options) = RunPictures.ReconstructionGrid(data.Features, reconstructions, [1, 8, 8]);
        Assert.Equal(7, options.Scale); // 8 px · 7 = 56 px
        Assert.Contains("own gray scale", options.Title);
        using var bitmap = SKBitmap.Decode(path);
        var layout = LayoutOf(data.Features, options);
        Assert.Equal(layout.Width, bitmap.Width);
        for (var i = 0; i < 4; i++)
        {
            var original = CellGrays(bitmap, layout.CellOrigin(0, i), 56);
            var reconstruction = CellGrays(bitmap, layout.CellOrigin(1, i), 56);
            Assert.Equal((0, 255), (original.Min(), original.Max()));
            Assert.InRange(reconstruction.Min(), 62, 66);   // a quarter of the way up the original's range
            Assert.InRange(reconstruction.Max(), 189, 193); // three quarters
        }
    }

    [Fact]
    public void NormalizationFor_KeepsPixelsAndStretchesSignedData()
    {
        using var pixels = rand(3, 1, 4, 4);
        using var centred = pixels - 0.5f;
        Assert.Equal(ImageNormalization.Clamp, ImageShapes.NormalizationFor(pixels));
        Assert.Equal(ImageNormalization.PerImageMinMax, ImageShapes.NormalizationFor(centred));
        Assert.Equal(2, ImageShapes.ReadableScale([1, 28, 28], 56));
        Assert.Equal(11, ImageShapes.ReadableScale([1, 8, 8], 84)); // 84 / 8 = 10.5, rounded
    }

    private static ImageGridLayout LayoutOf(Tensor originals, ImageGridOptions options)
    {
        var decoded = ImageGrid.Decode(originals, options, "originals", "originals");
        using var font = new SKFont(FontProvider.Typeface);
        return ImageGridLayout.Compute([("original", decoded), ("reconstruction", decoded)], options, font);
    }

    private static List<int> CellGrays(SKBitmap bitmap, (int X, int Y) origin, int side) =>
        Enumerable.Range(0, side).SelectMany(dy => Enumerable.Range(0, side).Select(dx => (int)bitmap.GetPixel(origin.X + dx, origin.Y + dy).Red)).ToList();

    private static int InkColumns(SKBitmap bitmap, int left, int right, int top, int bottom) =>
        Enumerable.Range(left, right - left).Count(x => Enumerable.Range(top, bottom - top).Any(y => bitmap.GetPixel(x, y).Red < 128));

    private static EpochRecord Record(int epoch, string? phase, double loss) =>
        new(new Dictionary<string, double> { ["epoch"] = epoch, ["train.loss"] = loss }, phase, new Dictionary<string, MetricKind>());

    /// <summary>x ↦ mean + (x − mean) / 2 per sample: the reconstruction of a model that loses half the contrast.</summary>
    private sealed class HalfContrastReconstructor : IReconstructor
    {
        public string Name => "half-contrast";
        public LatentSharp.Options.ModelOptions Options => new AutoencoderOptions();
        public long[] InputShape => [1, 8, 8];
        public Device Device => CPU;
        public IReadOnlyDictionary<string, Tensor> State => new Dictionary<string, Tensor>();

        public Tensor Reconstruct(Tensor input)
        {
            var mean = input.flatten(1).mean([1], keepdim: true).reshape(input.shape[0], 1, 1, 1);
            return mean + (input - mean) * 0.5f;
        }

        public void Dispose() { }
    }
}
