using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// An equal-weight mixture of K isotropic Gaussians N(μ_k, σ²I). In D ≥ 2 dimensions the means lie
/// evenly on a circle of radius r in the first two coordinates (μ_k = (r cos 2πk/K, r sin 2πk/K, 0, …)),
/// the adversarial-autoencoder paper's 10-component prior; in one dimension they are evenly spaced on
/// [−r, r]. log p(z) = logsumexp_k(−‖z − μ_k‖²/2σ²) − D·log σ − (D/2)·log 2π − log K.
/// Spec <c>mixture:K,radius=r,std=σ</c>.
/// </summary>
public sealed class GaussianMixturePrior : IDensityPrior
{
    readonly float[] _means;   // [K·D], row-major

    /// <summary>K = <paramref name="components"/> (≥ 1) components of standard deviation <paramref name="std"/> (&gt; 0) at radius <paramref name="radius"/> (≥ 0).</summary>
    public GaussianMixturePrior(int dimensions, int components, double radius, double std)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(std);
        Dimensions = dimensions;
        Components = components;
        Radius = radius;
        Std = std;
        _means = new float[components * dimensions];
        for (int k = 0; k < components; k++)
        {
            if (dimensions == 1)
                _means[k] = (float)(components == 1 ? 0 : -radius + 2 * radius * k / (components - 1));
            else
            {
                double angle = 2 * Math.PI * k / components;
                _means[k * dimensions] = (float)(radius * Math.Cos(angle));
                _means[k * dimensions + 1] = (float)(radius * Math.Sin(angle));
            }
        }
    }

    /// <summary>K.</summary>
    public int Components { get; }

    /// <summary>Distance of the means from the origin.</summary>
    public double Radius { get; }

    /// <summary>σ of every component.</summary>
    public double Std { get; }

    /// <inheritdoc />
    public string Spec => $"mixture:{Components},radius={F(Radius)},std={F(Std)}";

    static string F(double value) => Options.Schedule.Format(value);

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public bool HasFullSupport => true;

    /// <summary>The component means <c>[K, D]</c> on <paramref name="device"/>.</summary>
    public Tensor Means(Device? device = null) => tensor(_means, [Components, Dimensions], device: device ?? CPU);

    /// <inheritdoc />
    public Tensor Sample(long count, Generator? generator, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var drawOn = LatentPriors.DeviceOf(generator);
        var component = randint(Components, [count], generator: generator, device: drawOn);
        var noise = randn([count, Dimensions], generator: generator, device: drawOn);
        var result = Means(drawOn).index_select(0, component) + noise * Std;
        return LatentPriors.OnDevice(result, device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor LogDensity(Tensor codes)
    {
        using var scope = NewDisposeScope();
        var squared = (codes.unsqueeze(1) - Means(codes.device).to(codes.dtype).unsqueeze(0)).square().sum(2);   // [B, K]
        double constant = -Dimensions * Math.Log(Std) - 0.5 * Dimensions * Math.Log(2 * Math.PI) - Math.Log(Components);
        return squared.mul(-0.5 / (Std * Std)).logsumexp(1).add(constant).MoveToOuterDisposeScope();
    }
}
