using LatentSharp.Visualization;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Visualization;

public sealed class ImageGridTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    // Layout formula (gap g, cell s·28, c columns, B blocks of R lines):
    // width = labelWidth + g + c·(cell + g); height = titleHeight + g + B·R·(cell + g) + (B − 1)·(R > 1 ? 4g : 0).

    [Fact]
    public void Save_PlainGrid_HasLayoutSizeAndGrayLevelsInTheRightCells()
    {
        using var images = full(5, 1, 28, 28, 0.5f);
        images[0].fill_(0f);
        images[1].fill_(1f);
        var path = directory.File("grid.png");

        ImageGrid.Save(path, images, new ImageGridOptions { Columns = 3, Scale = 2, Gap = 2 });

        using var bitmap = Decode(path);
        Assert.Equal(2 + 3 * (56 + 2), bitmap.Width);
        Assert.Equal(2 + 2 * (56 + 2), bitmap.Height);
        Assert.Equal(0, Gray(bitmap, 2 + 28, 2 + 28));                 // image 0: zeros
        Assert.Equal(255, Gray(bitmap, 2 + 58 + 28, 2 + 28));          // image 1: ones
        Assert.Equal(128, Gray(bitmap, 2 + 58 + 28, 2 + 58 + 28));     // image 4 wraps to line 2, column 2
        Assert.Equal(0, Gray(bitmap, 2, 2));                           // first pixel of image 0
        Assert.Equal(255, Gray(bitmap, 1, 1));                         // gap is white
        Assert.Equal(255, Gray(bitmap, 2 + 2 * 58 + 28, 2 + 58 + 28)); // empty cell after the last image
    }

    [Fact]
    public void Save_DefaultOptions_ScaleA28PixelImageToAtLeast56Pixels()
    {
        using var images = ones(3, 1, 28, 28);
        var path = directory.File("default.png");

        ImageGrid.Save(path, images);

        using var bitmap = Decode(path);
        Assert.Equal(2 + 3 * (56 + 2), bitmap.Width); // fewer images than the 10 default columns: 3 columns
        Assert.Equal(2 + 56 + 2, bitmap.Height);
    }

    [Fact]
    public void SaveRows_WrapsAllRowsTogetherKeepingPairsInOneColumn()
    {
        // Image i of the originals is i/20; reconstructions are all white.
        using var originals = arange(16, dtype: ScalarType.Float32).div(20).view(16, 1, 1, 1).expand(16, 1, 28, 28);
        using var reconstructions = ones(16, 784);
        var path = directory.File("rows.png");

        ImageGrid.SaveRows(path, [("", originals), ("", reconstructions)], new ImageGridOptions { Columns = 8 });

        using var bitmap = Decode(path);
        const int cell = 56, gap = 2, blockGap = 4 * gap;
        Assert.Equal(gap + 8 * (cell + gap), bitmap.Width);
        Assert.Equal(gap + 2 * 2 * (cell + gap) + blockGap, bitmap.Height);
        int Centre(int line, int block) => gap + line * (cell + gap) + block * blockGap + cell / 2;
        var column1 = gap + (cell + gap) + cell / 2;
        Assert.Equal(13, Gray(bitmap, column1, Centre(0, 0)));   // original 1: 0.05 · 255
        Assert.Equal(255, Gray(bitmap, column1, Centre(1, 0)));  // its reconstruction, directly below
        Assert.Equal(115, Gray(bitmap, column1, Centre(2, 1)));  // original 9: 0.45 · 255, on line 3
        Assert.Equal(255, Gray(bitmap, column1, Centre(3, 1)));  // reconstruction 9, on line 4
        Assert.Equal(255, Gray(bitmap, column1, Centre(2, 1) - cell / 2 - gap - 1)); // the block gap is white
    }

    [Fact]
    public void SaveRows_WithLabels_DrawsReadableTextInALeftMargin()
    {
        using var originals = zeros(4, 1, 28, 28);
        using var reconstructions = zeros(4, 1, 28, 28);
        var unlabelled = directory.File("unlabelled.png");
        var labelled = directory.File("labelled.png");

        ImageGrid.SaveRows(unlabelled, [("", originals), ("", reconstructions)]);
        ImageGrid.SaveRows(labelled, [("original", originals), ("reconstruction", reconstructions)]);

        using var plain = Decode(unlabelled);
        using var withLabels = Decode(labelled);
        Assert.Equal(plain.Height, withLabels.Height);
        var labelWidth = withLabels.Width - plain.Width;
        Assert.True(labelWidth > 40, $"label margin is only {labelWidth} px");
        var inked = CountDark(withLabels, 0, 0, labelWidth, withLabels.Height);
        Assert.True(inked > 50, $"only {inked} dark pixels in the label margin: text did not render");
    }

    [Fact]
    public void Save_WithTitle_AddsABandOfTextOnTop()
    {
        using var images = ones(4, 1, 28, 28);
        var path = directory.File("title.png");

        ImageGrid.Save(path, images, new ImageGridOptions { Title = "Samples after 10 epochs" });

        using var bitmap = Decode(path);
        var titleHeight = bitmap.Height - (2 + 56 + 2);
        Assert.True(titleHeight > 10, $"title band is only {titleHeight} px");
        Assert.True(CountDark(bitmap, 0, 0, bitmap.Width, titleHeight) > 50, "the title did not render");
    }

    [Fact]
    public void Save_FlatRgbWithImageShape_KeepsChannels()
    {
        using var images = zeros(2, 3, 4, 5);
        images[0, 0].fill_(1f); // image 0 red
        images[1, 2].fill_(1f); // image 1 blue
        var path = directory.File("rgb.png");

        ImageGrid.Save(path, images.reshape(2, 60), new ImageGridOptions { ImageShape = [3, 4, 5], Scale = 4, Gap = 1 });

        using var bitmap = Decode(path);
        Assert.Equal(1 + 2 * (20 + 1), bitmap.Width);
        Assert.Equal(1 + 16 + 1, bitmap.Height);
        Assert.Equal(new SKColor(255, 0, 0), bitmap.GetPixel(1 + 10, 1 + 8));
        Assert.Equal(new SKColor(0, 0, 255), bitmap.GetPixel(1 + 21 + 10, 1 + 8));
    }

    [Fact]
    public void Save_Clamp_ClipsValuesOutsideTheUnitInterval()
    {
        using var images = tensor(new[] { -3f, 1f, -1f, 7f }).view(1, 1, 2, 2);
        var path = directory.File("clamp.png");

        ImageGrid.Save(path, images, new ImageGridOptions { Scale = 4, Gap = 0 });

        using var bitmap = Decode(path);
        Assert.Equal([0, 255, 0, 255], Quadrants(bitmap));
    }

    [Fact]
    public void Save_PerImageMinMax_StretchesEachSignedImageToFullRange()
    {
        // Image 0 spans [-3, 1]; image 1 spans [0, 0.02]; image 2 is constant.
        using var images = tensor(new[] { -3f, 1f, -1f, -3f, 0f, 0.02f, 0.01f, 0f, 5f, 5f, 5f, 5f }).view(3, 1, 2, 2);
        var path = directory.File("minmax.png");

        ImageGrid.Save(path, images, new ImageGridOptions { Scale = 4, Gap = 0, Columns = 1, Normalize = ImageNormalization.PerImageMinMax });

        using var bitmap = Decode(path);
        Assert.Equal([0, 255, 128, 0], Quadrants(bitmap, top: 0));
        Assert.Equal([0, 255, 128, 0], Quadrants(bitmap, top: 8));
        Assert.Equal([128, 128, 128, 128], Quadrants(bitmap, top: 16)); // constant: mid-gray
    }

    [Fact]
    public void Save_OverwritesAtomicallyAndLeavesNoTemporaryFile()
    {
        using var images = ones(2, 1, 28, 28);
        var path = directory.File("sub/dir/grid.png");

        ImageGrid.Save(path, images);
        ImageGrid.Save(path, images, new ImageGridOptions { Columns = 1 });

        using var bitmap = Decode(path);
        Assert.Equal(2 + 56 + 2, bitmap.Width);
        Assert.Equal(["grid.png"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_DoesNotChangeOrDisposeTheInput()
    {
        using var images = rand(3, 1, 28, 28);
        using var before = images.clone();

        ImageGrid.Save(directory.File("input.png"), images, new ImageGridOptions { Normalize = ImageNormalization.PerImageMinMax });

        Assert.True(images.equal(before).all().item<bool>());
    }

    [Theory]
    [InlineData(new long[] { 4, 2, 28, 28 })] // two channels
    [InlineData(new long[] { 4, 28, 28 })]    // no channel axis
    [InlineData(new long[] { 4, 783 })]       // flat, not a square
    [InlineData(new long[] { 0, 1, 28, 28 })] // empty
    [InlineData(new long[] { 784 })]          // no batch axis
    public void Save_RefusesBadShapes_NamingTheParameter(long[] shape)
    {
        using var images = zeros(shape);

        var error = Assert.Throws<ArgumentException>(() => ImageGrid.Save(directory.File("bad.png"), images));

        Assert.Equal("images", error.ParamName);
        Assert.Contains(string.Join(", ", shape), error.Message);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Save_RefusesIntegerImagesAndShapeMismatch()
    {
        using var integers = zeros(new long[] { 2, 1, 28, 28 }, dtype: ScalarType.Int64);
        using var flat = zeros(2, 784);

        Assert.Equal("images", Assert.Throws<ArgumentException>(() => ImageGrid.Save(directory.File("a.png"), integers)).ParamName);
        var mismatch = Assert.Throws<ArgumentException>(() =>
            ImageGrid.Save(directory.File("b.png"), flat, new ImageGridOptions { ImageShape = [3, 28, 28] }));
        Assert.Equal("images", mismatch.ParamName);
        Assert.Contains("2352", mismatch.Message);
    }

    [Fact]
    public void SaveRows_RefusesEmptyRowsAndMismatchedImageSizes()
    {
        using var small = zeros(2, 1, 28, 28);
        using var large = zeros(2, 1, 32, 32);

        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => ImageGrid.SaveRows(directory.File("a.png"), [])).ParamName);
        var mismatch = Assert.Throws<ArgumentException>(() =>
            ImageGrid.SaveRows(directory.File("b.png"), [("original", small), ("reconstruction", large)]));
        Assert.Equal("rows", mismatch.ParamName);
        Assert.Contains("reconstruction", mismatch.Message);
    }

    [Theory]
    [InlineData(0, 2, 2, "Columns")]
    [InlineData(10, 0, 2, "Scale")]
    [InlineData(10, 2, -1, "Gap")]
    public void Options_Validate_NamesTheField(int columns, int scale, int gap, string field)
    {
        var options = new ImageGridOptions { Columns = columns, Scale = scale, Gap = gap };

        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(options.Validate).ParamName);
    }

    [Fact]
    public void Options_Validate_RefusesImageShapeWithTwoChannels()
    {
        var options = new ImageGridOptions { ImageShape = [2, 28, 28] };

        Assert.Equal("ImageShape", Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    [Fact]
    public void EmbeddedFallbackFont_LoadsAndHasLatinGlyphs()
    {
        using var typeface = FontProvider.CreateEmbeddedTypeface();

        Assert.True(FontProvider.CanDrawLatin(typeface));
        Assert.True(FontProvider.CanDrawLatin(FontProvider.Typeface));
    }

    private static SKBitmap Decode(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        return SKBitmap.Decode(path) ?? throw new Xunit.Sdk.XunitException($"{path} is not a decodable image");
    }

    private static int Gray(SKBitmap bitmap, int x, int y)
    {
        var color = bitmap.GetPixel(x, y);
        Assert.True(color.Red == color.Green && color.Green == color.Blue, $"pixel ({x}, {y}) is {color}, not gray");
        return color.Red;
    }

    /// <summary>Gray levels at the centres of the four 4×4 blocks of a 2×2 image drawn at scale 4 from (0, top).</summary>
    private static int[] Quadrants(SKBitmap bitmap, int top = 0) =>
        [Gray(bitmap, 2, top + 2), Gray(bitmap, 6, top + 2), Gray(bitmap, 2, top + 6), Gray(bitmap, 6, top + 6)];

    private static int CountDark(SKBitmap bitmap, int left, int top, int width, int height)
    {
        var dark = 0;
        for (var y = top; y < top + height; y++)
            for (var x = left; x < left + width; x++)
                if (bitmap.GetPixel(x, y).Red < 128)
                    dark++;
        return dark;
    }
}
