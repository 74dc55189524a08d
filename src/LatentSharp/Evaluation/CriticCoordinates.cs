using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// The coordinates a weight-clipped critic sees: x′ = R(x − m) / s, with m the pooled training mean, R the
/// reflection taking the training sets' mean difference onto the diagonal (1, …, 1)/√d, and
/// s = √d · (the largest ‖x − m‖ over the pooled training samples). R is an isometry and s one number, so
/// W1 in these coordinates is W1 in the data's divided by s, exactly; the critic's slope in data units is its slope here / s.
/// <para>
/// Why: clipping bounds each weight and each bias by c, not the critic's slope. (1) A first-layer unit with
/// saturated weights and bias has its kink at distance |b| / ‖w‖ = 1/√d from the origin; data wider than that are cut
/// by kinks even when the best critic is linear, and the calibrated value falls (0.75 of W1 for unit Gaussians 2 apart
/// in the raw coordinates). Inside radius 1/√d a linear critic fits, and kinks can still be placed by smaller biases.
/// (2) Over the box [−c, c]^d the direction a linear critic reaches with the largest mean difference is sign(u) for a
/// mean difference u, which is u itself only when u lies on a diagonal; the reflection puts it there (0.87 of W1 for
/// a shift along a random direction in 2-D without it).
/// </para>
/// </summary>
internal sealed class CriticCoordinates
{
    readonly Tensor _mean, _normal;

    /// <summary>The scale s: a distance in these coordinates times s is the distance in the data.</summary>
    public double Scale { get; }

    CriticCoordinates(Tensor mean, Tensor normal, double scale) => (_mean, _normal, Scale) = (mean, normal, scale);

    /// <summary>Fits the coordinates to the two training sets <c>[N, d]</c> (float64); its tensors live in the caller's dispose scope.</summary>
    public static CriticCoordinates Fit(Tensor a, Tensor b)
    {
        long d = a.shape[1];
        var pooled = cat([a, b], 0);
        var mean = pooled.mean([0]);
        double radius = (pooled - mean).norm(1).max().item<double>();
        double scale = radius > 0 ? radius * Math.Sqrt(d) : 1;   // every sample at one point: any scale is exact
        // Householder: R = I − 2 n nᵀ with n ∝ û − 1/√d maps û onto 1/√d (none needed when they already agree).
        var difference = a.mean([0]) - b.mean([0]);
        double length = difference.norm().item<double>();
        var normal = zeros(d, dtype: ScalarType.Float64);
        if (length > 0)
        {
            var towards = difference / length - full(d, 1 / Math.Sqrt(d), dtype: ScalarType.Float64);
            double gap = towards.norm().item<double>();
            if (gap > 1e-12) normal = towards / gap;
        }
        return new CriticCoordinates(mean, normal, scale);
    }

    /// <summary>Samples <c>[N, d]</c> in the critic's coordinates.</summary>
    public Tensor Apply(Tensor samples)
    {
        var centred = samples - _mean;
        var reflected = centred - 2 * centred.matmul(_normal).unsqueeze(1) * _normal;
        return reflected / Scale;
    }
}
