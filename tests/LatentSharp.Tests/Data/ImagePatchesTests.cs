using LatentSharp.Data;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Data;

public class ImagePatchesTests
{
    /// <summary>Writes a gray PNG whose pixel (x, y) has gray level <paramref name="level"/>(x, y) (R = G = B).</summary>
    internal static string WritePng(string path, int width, int height, Func<int, int, byte> level)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var g = level(x, y);
                bitmap.SetPixel(x, y, new SKColor(g, g, g));
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }

    /// <summary>A photograph-like texture: a few oriented gratings plus seeded noise.</summary>
    internal static string WriteTexture(string path, int width = 64, int height = 60, int seed = 1)
    {
        var random = new Random(seed);
        var noise = Enumerable.Range(0, width * height).Select(_ => random.NextDouble()).ToArray();
        return WritePng(path, width, height, (x, y) =>
            (byte)Math.Clamp(128 + 50 * Math.Sin(0.7 * x + 0.2 * y) + 30 * Math.Sin(0.3 * y - 0.5 * x) + 40 * (noise[y * width + x] - 0.5), 0, 255));
    }

    [Fact]
    public void Patches_are_crops_of_the_image_and_held_out_ones_come_from_the_bottom_fifth()
    {
        using var dir = TestData.TempDir();
        // Top 24 rows: a horizontal ramp 5·x; bottom 6 rows: white. 30 rows → training rows 0–23, held-out rows 24–29.
        WritePng(dir.File("ramp.png"), 40, 30, (x, y) => y < 24 ? (byte)(5 * x) : (byte)255);
        using var split = DataSources.Resolve($"image-patches:{dir.Path},size=6,count=300,test=40,seed=3,normalize=none");
        Assert.Equal(new long[] { 300, 1, 6, 6 }, split.Train.Features.shape);
        Assert.Equal(new long[] { 40, 1, 6, 6 }, split.Test!.Features.shape);
        using var scope = NewDisposeScope();
        var train = split.Train.Features.reshape(300, 6, 6) * 255;
        // Every training patch is a ramp: rows equal, columns step by 5 gray levels; no white pixel from the held-out rows.
        Assert.True((train - train.narrow(1, 0, 1)).abs().max().ToDouble() < 1e-3, "rows of a crop of the ramp are equal");
        Assert.True(((train.narrow(2, 1, 5) - train.narrow(2, 0, 5)) - 5).abs().max().ToDouble() < 1e-3, "columns step by 5");
        var columns = (train[.., 0, 0] / 5).round().to(ScalarType.Int64);
        Assert.True(columns.unique().Item1.shape[0] > 20, "positions are spread over the image");
        Assert.True(split.Test.Features.eq(1).all().item<bool>(), "held-out patches lie in the white bottom fifth");
        Assert.True(split.Train.Labels!.eq(0).all().item<bool>());
        Assert.Equal(["ramp"], split.Train.ClassNames!);
    }

    [Fact]
    public void Same_seed_same_patches_and_whitening_decorrelates()
    {
        using var dir = TestData.TempDir();
        WriteTexture(dir.File("a.png"), seed: 1);
        WriteTexture(dir.File("b.png"), seed: 2);
        var spec = $"image-patches:{dir.Path},size=5,count=2000,test=100,seed=7";
        using var first = DataSources.Resolve(spec);
        using var again = DataSources.Resolve(spec);
        using var other = DataSources.Resolve(spec.Replace("seed=7", "seed=8"));
        Assert.True(TestData.Same(first.Train.Features, again.Train.Features));
        Assert.True(TestData.Same(first.Test!.Features, again.Test!.Features));
        Assert.False(TestData.Same(first.Train.Features, other.Train.Features));
        Assert.True(first.Train.Labels!.eq(1).any().item<bool>() && first.Train.Labels.eq(0).any().item<bool>(), "both images are sampled");

        using var scope = NewDisposeScope();
        using var raw = DataSources.Resolve(spec + ",normalize=center");
        double Spread(Tensor features)
        {
            var x = features.reshape(features.shape[0], -1).to(ScalarType.Float64);
            var eigen = linalg.eigvalsh(x.t().mm(x) / x.shape[0]);
            var top = eigen.narrow(0, 1, eigen.shape[0] - 1); // the smallest is ~0: patch means were removed
            return (top.max() / top.min()).ToDouble();
        }
        var centered = raw.Train.Features.reshape(2000, -1);
        Assert.True(centered.mean([1]).abs().max().ToDouble() < 1e-5, "center removes each patch's mean");
        double before = Spread(raw.Train.Features), after = Spread(first.Train.Features);
        Assert.True(after < before / 5, $"eigenvalue spread {before:F1} before whitening, {after:F1} after");
    }

    [Theory]
    [InlineData(",size=1", "size")]
    [InlineData(",colour=red", "colour")]
    [InlineData(",count=many", "count")]
    [InlineData(",normalize=blur", "blur")]
    [InlineData(",size=40", "large enough")]
    public void Bad_specs_are_refused_naming_the_problem(string suffix, string named)
    {
        using var dir = TestData.TempDir();
        WriteTexture(dir.File("a.png"));
        var e = Assert.Throws<DataSourceException>(() => DataSources.Resolve($"image-patches:{dir.Path}{suffix}"));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Missing_and_empty_folders_and_non_images_are_refused()
    {
        using var dir = TestData.TempDir();
        Assert.Contains("does not exist", Assert.Throws<DataSourceException>(() => DataSources.Resolve($"image-patches:{dir.File("nope")}")).Message);
        Assert.Contains("no images", Assert.Throws<DataSourceException>(() => DataSources.Resolve($"image-patches:{dir.Path}")).Message);
        File.WriteAllText(dir.File("fake.png"), "not a png");
        Assert.Throws<DataFormatException>(() => DataSources.Resolve($"image-patches:{dir.File("fake.png")}"));
    }
}
