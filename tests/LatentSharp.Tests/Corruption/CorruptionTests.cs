using LatentSharp.Corruption;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Corruption;

public class CorruptionTests
{
    // Values in [0.1, 0.9]: never exactly 0 or 1, so every 0 or 1 in an output was put there by the noise.
    static Tensor Images(long n = 200, long channels = 1, long side = 28, ulong seed = 3) =>
        rand(n, channels, side, side, generator: new Generator(seed)) * 0.8 + 0.1;

    static double Fraction(Tensor mask) => mask.to(ScalarType.Float64).mean().item<double>();

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Masking_zeroes_about_p_of_the_elements_and_keeps_the_rest(double p)
    {
        using var scope = NewDisposeScope();
        var x = Images();
        var y = new MaskingNoise(p).Apply(x, new Generator(1));
        var zeroed = y == 0;
        Assert.Equal(p, Fraction(zeroed), 2);   // 156,800 elements: standard error ≈ 0.0013
        Assert.True(TestData.Same(y.masked_select(zeroed.logical_not()), x.masked_select(zeroed.logical_not())));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Gaussian_noise_has_mean_zero_and_standard_deviation_sigma(double sigma)
    {
        using var scope = NewDisposeScope();
        var x = Images();
        var noise = new GaussianNoise(sigma).Apply(x, new Generator(1)) - x;
        Assert.Equal(sigma, noise.std().item<float>(), 0.01 * sigma);
        Assert.Equal(0, noise.mean().item<float>(), 0.01 * sigma);
        Assert.True(Fraction(noise.abs() > 2 * sigma) is > 0.03 and < 0.06, "about 4.6% of a normal lies beyond 2σ");
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.4)]
    public void Salt_and_pepper_replaces_about_p_of_the_elements_with_0_or_1_equally(double p)
    {
        using var scope = NewDisposeScope();
        var x = Images();
        var y = new SaltAndPepperNoise(p).Apply(x, new Generator(1));
        var changed = y != x;
        Assert.Equal(p, Fraction(changed), 2);
        var replaced = y.masked_select(changed);
        Assert.True(Fraction((replaced == 0).logical_or(replaced == 1)) == 1, "replaced elements are 0 or 1");
        Assert.Equal(0.5, Fraction(replaced == 1), 1);
    }

    [Fact]
    public void Speckle_noise_is_relative_to_the_value_and_leaves_black_pixels_black()
    {
        using var scope = NewDisposeScope();
        var x = Images();
        x[.., .., ..10, ..] = 0;   // a black band
        var y = new SpeckleNoise(0.3).Apply(x, new Generator(1));
        var lit = x > 0;
        var relative = (y.masked_select(lit) / x.masked_select(lit)) - 1;
        Assert.Equal(0.3, relative.std().item<float>(), 0.006);
        Assert.Equal(0, y.masked_select(lit.logical_not()).abs().max().item<float>());
        // Absolute deviations grow with brightness: bright pixels move more than dim ones.
        var bright = (x > 0.7).logical_and(lit);
        var dim = (x < 0.3).logical_and(lit);
        var deviation = (y - x).abs();
        Assert.True(deviation.masked_select(bright).mean().item<float>() > 2 * deviation.masked_select(dim).mean().item<float>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(28)]
    public void Blocks_zero_exactly_one_square_per_image_in_every_channel(int size)
    {
        using var scope = NewDisposeScope();
        var x = Images(n: 50, channels: 3);
        var y = new BlockOcclusion(size).Apply(x, new Generator(1));
        var zero = y == 0;   // [B, 3, 28, 28]
        Assert.True(TestData.Same(zero[.., 0], zero[.., 1]) && TestData.Same(zero[.., 0], zero[.., 2]), "all channels share the square");
        var corners = new HashSet<(long, long)>();
        for (int i = 0; i < 50; i++)
        {
            var mask = zero[i, 0];
            Assert.Equal(size * size, mask.sum().item<long>());
            var rows = mask.any(1).nonzero().flatten();
            var cols = mask.any(0).nonzero().flatten();
            Assert.Equal(size, rows.shape[0]);   // one contiguous square inside the image (s rows × s columns, s² zeros)
            Assert.Equal(size, cols.shape[0]);
            Assert.Equal(size - 1, rows[-1].item<long>() - rows[0].item<long>());
            Assert.Equal(size - 1, cols[-1].item<long>() - cols[0].item<long>());
            corners.Add((rows[0].item<long>(), cols[0].item<long>()));
        }
        Assert.True(TestData.Same(y.masked_select(zero.logical_not()), x.masked_select(zero.logical_not())));
        if (size < 28) Assert.True(corners.Count > 10, $"square positions vary ({corners.Count} distinct)");
    }

    [Fact]
    public void Blocks_on_flat_images_zero_the_same_square_as_on_image_batches()
    {
        using var scope = NewDisposeScope();
        var x = Images(n: 20);
        var image = new BlockOcclusion(6).Apply(x, new Generator(5));
        var flat = new BlockOcclusion(6).Apply(x.reshape(20, 784), new Generator(5));
        Assert.Equal(new long[] { 20, 784 }, flat.shape);
        Assert.True(TestData.Same(image.reshape(20, 784), flat));
        Assert.True(((flat == 0).sum(1) == 36).all().item<bool>());
    }

    [Fact]
    public void Blocks_refuse_squares_larger_than_the_image_and_inputs_that_are_not_images()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => new BlockOcclusion(29).Apply(Images(n: 2), new Generator(1)));
        Assert.Contains("does not fit in 28×28", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BlockOcclusion(2).Apply(rand(2, 10), new Generator(1)));
        Assert.Contains("perfect square", e.Message);
    }

    public static TheoryData<string> Specs => ["gaussian:0.3", "masking:0.4", "salt-and-pepper:0.2", "speckle:0.5", "blocks:7", "gaussian:0.2+masking:0.3+blocks:4"];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Corruptions_never_modify_the_input_and_a_seed_fixes_the_output(string spec)
    {
        using var scope = NewDisposeScope();
        var corruption = Corruptions.Parse(spec)!;
        var x = Images(n: 16);
        var copy = x.clone();
        var a = corruption.Apply(x, new Generator(42));
        Assert.True(TestData.Same(x, copy), "the input must not change");
        Assert.False(TestData.Same(a, x), "the output must be corrupted");
        Assert.True(TestData.Same(a, corruption.Apply(x, new Generator(42))), "same seed, same output");
        Assert.False(TestData.Same(a, corruption.Apply(x, new Generator(43))), "another seed, other noise");
        Assert.Equal(spec, corruption.Spec);
        Assert.Equal(spec, Corruptions.Parse(corruption.Spec)!.Spec);
    }

    [Fact]
    public void A_composite_applies_all_parts_in_order_from_one_generator()
    {
        using var scope = NewDisposeScope();
        var composite = Assert.IsType<CompositeCorruption>(Corruptions.Parse("gaussian:0.3 + Masking:0.5"));
        Assert.Collection(composite.Parts, p => Assert.IsType<GaussianNoise>(p), p => Assert.IsType<MaskingNoise>(p));
        var x = Images();
        var y = composite.Apply(x, new Generator(9));
        var manual = new Generator(9);
        var expected = new MaskingNoise(0.5).Apply(new GaussianNoise(0.3).Apply(x, manual), manual);
        Assert.True(TestData.Same(expected, y));
        // Masking last: about half the elements are exactly 0 (Gaussian noise after masking would leave none).
        Assert.Equal(0.5, Fraction(y == 0), 2);
        var reversed = Corruptions.Parse("masking:0.5+gaussian:0.3")!.Apply(x, new Generator(9));
        Assert.Equal(0, Fraction(reversed == 0), 3);
    }

    [Theory]
    [InlineData("fog:0.3", "Unknown noise kind 'fog'")]
    [InlineData("gaussian", "'gaussian' has no level")]
    [InlineData("masking:", "'masking:' has no level")]
    [InlineData("gaussian:-0.3", "'gaussian:-0.3': The level of gaussian")]
    [InlineData("gaussian:NaN", "'gaussian:NaN': The level of gaussian (its standard deviation) must be a finite number > 0")]
    [InlineData("speckle:0", "must be a finite number > 0")]
    [InlineData("masking:NaN", "'masking:NaN': The level of masking (the fraction of elements zeroed) must be in (0, 1)")]
    [InlineData("salt-and-pepper:1", "must be in (0, 1)")]
    [InlineData("blocks:2.5", "'blocks:2.5': The level of blocks (the square's side) must be a whole number of pixels >= 1")]
    [InlineData("blocks:0", "whole number of pixels >= 1")]
    [InlineData("gaussian:abc", "The level 'abc' in 'gaussian:abc' is not a number")]
    [InlineData("gaussian:0.3++masking:0.2", "has an empty part")]
    public void Bad_specs_are_refused_with_the_problem_named(string spec, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Corruptions.Parse(spec));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_empty_spec_means_no_corruption_and_kinds_are_listed_in_errors()
    {
        Assert.Null(Corruptions.Parse(""));
        Assert.Null(Corruptions.Parse("  "));
        var e = Assert.Throws<FormatException>(() => Corruptions.Parse("pink:0.1"));
        foreach (var kind in Corruptions.KindNames) Assert.Contains(kind, e.Message);
    }

    [Theory]
    [InlineData("fog:0.3", "fog")]
    [InlineData("masking:1.2", "(0, 1)")]
    [InlineData("blocks:3.5", "whole number")]
    public void Autoencoder_options_refuse_a_bad_noise_spec_naming_the_field(string spec, string expected)
    {
        var e = Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { Noise = spec }.Validate());
        Assert.Equal("Noise", e.Field);
        Assert.Contains(expected, e.Message);
        new AutoencoderOptions { Noise = "masking:0.3+gaussian:0.1" }.Validate();   // a good one passes
    }
}
