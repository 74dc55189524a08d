using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Variational;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Variational;

/// <summary>
/// A VAE whose log p(x) is known in closed form: 2-D standard Gaussian prior, a linear decoder
/// x = Wz + b + N(0, σ²I) in 3-D with W = [[1, 0], [0, 2], [0, 0]], σ = 0.5, so p(x) = N(b, WWᵀ + σ²I)
/// with a diagonal covariance. The exact posterior is then diagonal too, N(A(x − b), Σ) with
/// Σ = (I + WᵀW/σ²)⁻¹ = diag(1/5, 1/17) and A = ΣWᵀ/σ², and the encoder can be set to it exactly.
/// </summary>
internal static class LinearGaussianVae
{
    public const double Sigma = 0.5;
    static readonly double[] Bias = [0.1, -0.2, 0.3];
    static readonly double[] Covariance = [1 + Sigma * Sigma, 4 + Sigma * Sigma, Sigma * Sigma];   // diag(WWᵀ + σ²I)
    static readonly double[] PosteriorVariance = [1.0 / 5, 1.0 / 17];

    /// <summary>The model with its encoder moved off the exact posterior by <paramref name="meanShift"/> (added to μ) and <paramref name="logVarianceShift"/>.</summary>
    public static VariationalAutoencoder Create(double meanShift = 0, double logVarianceShift = 0)
    {
        var options = new VariationalAutoencoderOptions
        {
            HiddenSizes = [], CodeSize = 2, Likelihood = DecoderLikelihood.Gaussian, DecoderStd = Sigma,
        };
        var model = (VariationalAutoencoder)ModelCatalog.Create("vae", options, [3], CPU, seed: 1);
        // A = ΣWᵀ/σ²: row 0 = (1/5)·(1, 0, 0)/σ², row 1 = (1/17)·(0, 2, 0)/σ².
        var a = new double[,] { { PosteriorVariance[0] / (Sigma * Sigma), 0, 0 }, { 0, 2 * PosteriorVariance[1] / (Sigma * Sigma), 0 } };
        var encoderWeight = new float[4 * 3];
        var encoderBias = new float[4];
        for (int k = 0; k < 2; k++)
        {
            for (int j = 0; j < 3; j++) encoderWeight[k * 3 + j] = (float)a[k, j];
            encoderBias[k] = (float)(-(a[k, 0] * Bias[0] + a[k, 1] * Bias[1] + a[k, 2] * Bias[2]) + meanShift);
            encoderBias[2 + k] = (float)(Math.Log(PosteriorVariance[k]) + logVarianceShift);
        }
        using (no_grad())
        {
            model.State["encoder.0.weight"].copy_(tensor(encoderWeight, [4, 3]));
            model.State["encoder.0.bias"].copy_(tensor(encoderBias));
            model.State["decoder.0.weight"].copy_(tensor(new float[] { 1, 0, 0, 2, 0, 0 }, [3, 2]));
            model.State["decoder.0.bias"].copy_(tensor(Bias.Select(b => (float)b).ToArray()));
        }
        return model;
    }

    /// <summary>Points [n, 3] drawn from the model's own marginal.</summary>
    public static Dataset Data(int n, ulong seed = 5)
    {
        using var generator = new Generator(seed);
        var x = randn([n, 3], generator: generator, dtype: ScalarType.Float64) * tensor(Covariance).sqrt() + tensor(Bias);
        return new Dataset("linear-gaussian", x.to(ScalarType.Float32));
    }

    /// <summary>Exact log p(x) per point.</summary>
    public static double[] LogLikelihood(Dataset data)
    {
        var x = data.Features.to(ScalarType.Float64).data<double>().ToArray();
        var result = new double[data.Count];
        for (int i = 0; i < result.Length; i++)
            for (int j = 0; j < 3; j++)
                result[i] += -0.5 * Math.Pow(x[i * 3 + j] - Bias[j], 2) / Covariance[j] - 0.5 * Math.Log(2 * Math.PI * Covariance[j]);
        return result;
    }

    /// <summary>KL(q(z|x) ‖ p(z|x)) for the shifted encoder: the gap between log p(x) and the ELBO (the same for every x).</summary>
    public static double PosteriorGap(double meanShift, double logVarianceShift)
    {
        double gap = 0;
        foreach (var v in PosteriorVariance)
        {
            double q = v * Math.Exp(logVarianceShift);
            gap += 0.5 * (q / v + meanShift * meanShift / v - 1 - Math.Log(q / v));
        }
        return gap;
    }
}
