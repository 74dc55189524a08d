using System.Numerics;
using System.Runtime.CompilerServices;

namespace LatentSharp.Models.Competitive;

/// <summary>
/// The online SOM rule for one minibatch on the CPU, sample by sample, in place on the
/// prototypes' storage. Kohonen's rule is sequential — each sample's winner depends on
/// the update of the previous one — so on the CPU a tensor library pays its per-call overhead
/// (six calls per sample) for little work; this loop pays none, vectorises the distance and update
/// with <see cref="Vector{T}"/>, and skips units whose kernel weight is 0 (bubble, small radii).
/// The tensor path in <see cref="SelfOrganizingMap"/> does the same on other devices.
/// </summary>
internal static class SomOnlineCpu
{
    /// <summary>Runs the rule over <paramref name="samples"/> (<c>[B·D]</c>) and updates <paramref name="prototypes"/> (<c>[U·D]</c>) in place.</summary>
    /// <param name="prototypes">w, row u at u·D.</param>
    /// <param name="samples">x, row i at i·D.</param>
    /// <param name="dimension">D.</param>
    /// <param name="gridDistance">Kernel distances between units, <c>[U·U]</c>.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="learningRates">η for each sample.</param>
    /// <param name="radii">σ for each sample.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(Span<float> prototypes, ReadOnlySpan<float> samples, int dimension, ReadOnlySpan<float> gridDistance,
        SomKernel kernel, ReadOnlySpan<float> learningRates, ReadOnlySpan<float> radii)
    {
        int units = prototypes.Length / dimension, count = samples.Length / dimension;
        for (int i = 0; i < count; i++)
        {
            var x = samples.Slice(i * dimension, dimension);
            int winner = 0;
            float nearest = float.PositiveInfinity;
            for (int u = 0; u < units; u++)
            {
                float d = SquaredDistance(prototypes.Slice(u * dimension, dimension), x);
                if (d < nearest) { nearest = d; winner = u; }   // c = argmin_u ‖x − w_u‖ (first on ties, as argmin)
            }
            var row = gridDistance.Slice(winner * units, units);
            for (int u = 0; u < units; u++)
            {
                float h = learningRates[i] * (float)SomKernels.Evaluate(kernel, row[u], radii[i]);
                if (h != 0) MoveTowards(prototypes.Slice(u * dimension, dimension), x, h);   // w_u ← w_u + η·K(c, u)·(x − w_u)
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static float SquaredDistance(ReadOnlySpan<float> w, ReadOnlySpan<float> x)
    {
        int width = Vector<float>.Count, k = 0;
        var sum = Vector<float>.Zero;
        for (; k <= w.Length - width; k += width)
        {
            var d = new Vector<float>(w.Slice(k)) - new Vector<float>(x.Slice(k));
            sum += d * d;
        }
        float total = Vector.Sum(sum);
        for (; k < w.Length; k++)
        {
            float d = w[k] - x[k];
            total += d * d;
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MoveTowards(Span<float> w, ReadOnlySpan<float> x, float h)
    {
        int width = Vector<float>.Count, k = 0;
        var step = new Vector<float>(h);
        for (; k <= w.Length - width; k += width)
        {
            var current = new Vector<float>(w.Slice(k));
            (current + step * (new Vector<float>(x.Slice(k)) - current)).CopyTo(w.Slice(k));
        }
        for (; k < w.Length; k++) w[k] += h * (x[k] - w[k]);
    }
}
