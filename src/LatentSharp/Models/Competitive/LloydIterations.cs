using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// Lloyd's iterations over one in-memory data set, one <see cref="Step"/> at a time: with Hamerly's
/// bounds (<see cref="HamerlyLloyd"/>) or plainly, every sample measured (<see cref="LloydPass"/>,
/// which also re-seeds empty clusters for both). The one iteration behind <see cref="KMeans.Fit(Tensor, long)"/>
/// (steps until the tolerance) and the trainer's epochs (one step per epoch).
/// </summary>
internal sealed class LloydIterations : IDisposable
{
    readonly Tensor _x, _xSquared;
    readonly LloydPass _plain;
    readonly HamerlyLloyd? _bounded;

    /// <param name="x">Samples <c>[N, D]</c> float32, contiguous (held, not copied).</param>
    /// <param name="xSquared">‖x‖² per sample <c>[N]</c>.</param>
    /// <param name="clusters">k.</param>
    /// <param name="chunk">Samples per distance block.</param>
    /// <param name="bounds">Hamerly's bounds (same assignments, fewer distances) or every sample every step.</param>
    public LloydIterations(Tensor x, Tensor xSquared, int clusters, int chunk, bool bounds)
    {
        _x = x;
        _xSquared = xSquared;
        _plain = new LloydPass(clusters, x.shape[1], chunk, x.device);
        _bounded = bounds ? new HamerlyLloyd(x, xSquared, clusters, chunk) : null;
    }

    /// <summary>One Lloyd iteration on <paramref name="centroids"/> in place: the squared centroid movement and the assignment's inertia.</summary>
    public (double Shift, double Inertia) Step(Tensor centroids) =>
        _bounded is null ? PlainStep(centroids) : _bounded.Step(centroids, c => PlainStep(c).Shift);

    (double Shift, double Inertia) PlainStep(Tensor centroids)
    {
        _plain.Reset();
        double inertia = _plain.Add(_x, _xSquared, centroids);
        return (_plain.Finish(centroids), inertia);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _plain.Dispose();
        _bounded?.Dispose();
    }
}
