using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// A 2-D swiss roll, sampling only: u ~ U(0, 1), t = 1.5π(1 + 2u), z = (t cos t, t sin t)/(4.5π)·scale
/// plus N(0, noise²) in each coordinate (a spiral of about 1.5 turns filling [−scale, scale]²).
/// Its density is not written down, so only models that sample from their prior (the adversarial
/// autoencoder) accept it. Spec <c>swiss-roll[:scale=S,noise=σ]</c>.
/// </summary>
public sealed class SwissRollPrior : ILatentPrior
{
    /// <summary>The roll scaled to [−<paramref name="scale"/>, <paramref name="scale"/>]² (scale &gt; 0) with Gaussian noise <paramref name="noise"/> (≥ 0).</summary>
    public SwissRollPrior(double scale = 2, double noise = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        Scale = scale;
        Noise = noise;
    }

    /// <summary>Half-width of the square the roll fills.</summary>
    public double Scale { get; }

    /// <summary>Standard deviation of the noise around the spiral.</summary>
    public double Noise { get; }

    /// <inheritdoc />
    public string Spec => $"swiss-roll:scale={Options.Schedule.Format(Scale)},noise={Options.Schedule.Format(Noise)}";

    /// <inheritdoc />
    public int Dimensions => 2;

    /// <inheritdoc />
    public Tensor Sample(long count, Generator? generator, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var drawOn = LatentPriors.DeviceOf(generator);
        var t = rand([count], generator: generator, device: drawOn).mul(2).add(1).mul(1.5 * Math.PI);
        var roll = stack([t * t.cos(), t * t.sin()], 1).mul(Scale / (4.5 * Math.PI));
        var noise = randn([count, 2], generator: generator, device: drawOn).mul(Noise);
        return LatentPriors.OnDevice(roll + noise, device).MoveToOuterDisposeScope();
    }
}
