using LatentSharp.Layers.Priors;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Layers.Priors;

public class LatentPriorTests
{
    const int Draws = 20_000;

    static (double[] Mean, double[] Variance) Moments(ILatentPrior prior, ulong seed = 3)
    {
        using var generator = new Generator(seed);
        using var samples = prior.Sample(Draws, generator).to(ScalarType.Float64);
        Assert.Equal([Draws, prior.Dimensions], samples.shape);
        return (samples.mean([0]).data<double>().ToArray(), samples.var(0).data<double>().ToArray());
    }

    [Fact]
    public void StandardGaussian_HasZeroMeanAndUnitVariance()
    {
        var (mean, variance) = Moments(new StandardGaussianPrior(3));
        Assert.All(mean, m => Assert.InRange(m, -0.03, 0.03));
        Assert.All(variance, v => Assert.InRange(v, 0.96, 1.04));
    }

    [Fact]
    public void Mixture_OnACircle_HasTheMixtureMoments()
    {
        // Means evenly on a circle of radius r: each of the two circle coordinates has mean 0 and
        // variance σ² + r²/2; further coordinates are N(0, σ²).
        var prior = (GaussianMixturePrior)LatentPriors.Parse("mixture:10,radius=4,std=0.5", 3);
        var (mean, variance) = Moments(prior);
        Assert.All(mean, m => Assert.InRange(m, -0.06, 0.06));
        Assert.InRange(variance[0], 8.25 * 0.96, 8.25 * 1.04);
        Assert.InRange(variance[1], 8.25 * 0.96, 8.25 * 1.04);
        Assert.InRange(variance[2], 0.25 * 0.96, 0.25 * 1.04);
    }

    [Fact]
    public void Uniform_HasTheBoxMoments()
    {
        var (mean, variance) = Moments(LatentPriors.Parse("uniform:-1,3", 2));
        Assert.All(mean, m => Assert.InRange(m, 0.97, 1.03));
        Assert.All(variance, v => Assert.InRange(v, 16.0 / 12 * 0.97, 16.0 / 12 * 1.03));   // (high − low)²/12
    }

    [Fact]
    public void SwissRoll_StaysInItsSquareAndWindsAroundTheOrigin()
    {
        var prior = LatentPriors.Parse("swiss-roll:scale=2,noise=0", 2);
        using var generator = new Generator(3);
        using var samples = prior.Sample(Draws, generator);
        var radius = samples.square().sum(1).sqrt();
        // t ∈ [1.5π, 4.5π] and |z| = t·scale/(4.5π) ∈ [2/3, 2].
        Assert.InRange(radius.min().item<float>(), 2f / 3 - 1e-4f, 0.7f);
        Assert.InRange(radius.max().item<float>(), 1.95f, 2f + 1e-4f);
        Assert.IsNotAssignableFrom<IDensityPrior>(prior);
    }

    [Fact]
    public void Sampler_ReturnsWhatTheDelegateDraws_AndRefusesAWrongShape()
    {
        var prior = new SamplerPrior(2, (n, g) => ones(n, 2) * 7);
        Assert.Equal(7f, prior.Sample(4, null).mean().item<float>());
        var wrong = new SamplerPrior(2, (n, g) => ones(n, 3));
        Assert.Throws<InvalidOperationException>(() => wrong.Sample(4, null));
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("mixture:10,radius=4,std=0.5")]
    [InlineData("uniform:-1,1")]
    [InlineData("swiss-roll:scale=2,noise=0.05")]
    public void SameSeed_SameSamples_AndTheSpecReadsBack(string spec)
    {
        var prior = LatentPriors.Parse(spec, 2);
        using var g1 = new Generator(11);
        using var g2 = new Generator(11);
        Assert.True(TestData.Same(prior.Sample(50, g1), prior.Sample(50, g2)));
        Assert.Equal(spec, prior.Spec);
        Assert.Equal(spec, LatentPriors.Parse(prior.Spec, 2).Spec);
    }

    [Fact]
    public void MixtureLogDensity_EqualsADirectSum()
    {
        var prior = new GaussianMixturePrior(2, 3, radius: 2, std: 0.7);
        double[,] points = { { 0.3, -1.1 }, { 2.0, 0.1 }, { -5, 4 } };
        using var z = tensor(new float[] { 0.3f, -1.1f, 2.0f, 0.1f, -5f, 4f }, [3, 2]);
        var computed = prior.LogDensity(z).data<float>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            double density = 0;
            for (int k = 0; k < 3; k++)
            {
                double mx = 2 * Math.Cos(2 * Math.PI * k / 3), my = 2 * Math.Sin(2 * Math.PI * k / 3);
                double d2 = Math.Pow(points[i, 0] - mx, 2) + Math.Pow(points[i, 1] - my, 2);
                density += Math.Exp(-d2 / (2 * 0.49)) / (2 * Math.PI * 0.49) / 3;
            }
            Assert.Equal(Math.Log(density), computed[i], 4);
        }
    }

    [Fact]
    public void MixtureDensity_IntegratesToOne()
    {
        var prior = new GaussianMixturePrior(2, 10, radius: 4, std: 0.5);
        const int side = 241; const double half = 6, step = 2 * half / (side - 1);
        using var axis = linspace(-half, half, side, dtype: ScalarType.Float64);
        var grid = meshgrid([axis, axis], indexing: "ij");
        using var z = stack([grid[0].reshape(-1), grid[1].reshape(-1)], 1);
        double integral = prior.LogDensity(z).exp().sum().item<double>() * step * step;
        Assert.Equal(1.0, integral, 3);
    }

    [Fact]
    public void GaussianAndUniformLogDensities_AreTheTextbookOnes()
    {
        using var z = tensor(new float[] { 0.5f, -1f, 0f, 2f }, [2, 2]);
        var gaussian = new StandardGaussianPrior(2).LogDensity(z).data<float>().ToArray();
        Assert.Equal(-0.5 * 1.25 - Math.Log(2 * Math.PI), gaussian[0], 5);
        var uniform = new UniformPrior(2, -1, 1).LogDensity(z).data<float>().ToArray();
        Assert.Equal(-2 * Math.Log(2), uniform[0], 5);
        Assert.Equal(float.NegativeInfinity, uniform[1]);
    }

    [Theory]
    [InlineData("cauchy", "unknown prior 'cauchy'")]
    [InlineData("mixture:0", "whole number ≥ 1")]
    [InlineData("mixture:3,width=2", "unknown argument 'width=2'")]
    [InlineData("uniform:1,-1", "low < high")]
    [InlineData("uniform:a,1", "'a' is not a number")]
    [InlineData("gaussian:2", "takes no arguments")]
    public void Parse_RefusesBadText_ListingTheValidPriors(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => LatentPriors.Parse(text, 2));
        Assert.Contains(reason, error.Message);
        Assert.Contains(LatentPriors.Grammar, error.Message);
    }

    [Fact]
    public void SwissRoll_OutsideTwoDimensions_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => LatentPriors.Parse("swiss-roll", 3));
        Assert.Contains("2-D", error.Message);
    }
}
