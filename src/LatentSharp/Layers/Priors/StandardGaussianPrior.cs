using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>N(0, I) in D dimensions: log p(z) = −½‖z‖² − (D/2)·log 2π. Spec <c>gaussian</c>.</summary>
public sealed class StandardGaussianPrior : IDensityPrior
{
    /// <summary>The prior in <paramref name="dimensions"/> dimensions (≥ 1).</summary>
    public StandardGaussianPrior(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    /// <inheritdoc />
    public string Spec => "gaussian";

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public bool HasFullSupport => true;

    /// <inheritdoc />
    public Tensor Sample(long count, Generator? generator, Device? device = null) =>
        LatentPriors.OnDevice(randn([count, Dimensions], generator: generator, device: LatentPriors.DeviceOf(generator)), device);

    /// <inheritdoc />
    public Tensor LogDensity(Tensor codes) =>
        codes.square().sum(1).mul(-0.5).sub(0.5 * Dimensions * Math.Log(2 * Math.PI));
}
