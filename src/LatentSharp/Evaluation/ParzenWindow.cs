using LatentSharp.Layers.Kernels;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// The Gaussian Parzen-window density of a sample set, the sample-quality figure of Goodfellow et al.
/// 2014 (https://arxiv.org/abs/1406.2661) and Makhzani et al. 2015: with centres s_1..s_N (a model's
/// samples) and bandwidth σ in D dimensions,
/// log p_σ(x) = logsumexp_i(−‖x − s_i‖² / (2σ²)) − log N − (D/2)·log(2πσ²).
/// Computed in float64 in chunks of rows, so memory stays near <see cref="DistancesPerChunk"/> float64
/// values whatever the sizes. Known weakness (Theis et al. 2016, https://arxiv.org/abs/1511.01844): in
/// high dimensions the estimate is far from the model's log-likelihood even with millions of samples,
/// and it can rank models wrongly (k-means centroids beat real models on it).
/// </summary>
public static class ParzenWindow
{
    /// <summary>Distances held at once (8M float64 ≈ 64 MB per chunk).</summary>
    public const long DistancesPerChunk = 8_000_000;

    /// <summary>
    /// log p_σ(x) for every row of <paramref name="points"/> <c>[n, D]</c> under the window on
    /// <paramref name="centres"/> <c>[N, D]</c>, for each σ in <paramref name="sigmas"/>: <c>[n][σ index]</c> nats.
    /// </summary>
    /// <param name="points">Scored points <c>[n, D]</c>.</param>
    /// <param name="centres">Window centres <c>[N, D]</c>.</param>
    /// <param name="sigmas">Bandwidths, each &gt; 0.</param>
    /// <param name="distancesPerChunk">Memory bound: rows are scored in chunks of about this many distances (at least one row).</param>
    /// <exception cref="ArgumentException">Shapes disagree, no centres, or a σ that is not positive.</exception>
    public static double[][] LogDensities(Tensor points, Tensor centres, IReadOnlyList<double> sigmas, long distancesPerChunk = DistancesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(sigmas);
        if (points.dim() != 2 || centres.dim() != 2 || points.shape[1] != centres.shape[1])
            throw new ArgumentException($"A Parzen window needs points [n, D] and centres [N, D]; got [{string.Join(", ", points.shape)}] and [{string.Join(", ", centres.shape)}].");
        if (centres.shape[0] == 0) throw new ArgumentException("A Parzen window needs at least one centre.", nameof(centres));
        if (sigmas.Count == 0 || sigmas.Any(s => !(s > 0) || double.IsInfinity(s)))
            throw new ArgumentException($"Bandwidths must be positive and finite; got {string.Join(", ", sigmas)}.", nameof(sigmas));
        long n = points.shape[0], count = centres.shape[0], dimensions = points.shape[1];
        var result = new double[n][];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var c = centres.to(ScalarType.Float64).cpu();
        long rowsPerChunk = Math.Max(1, distancesPerChunk / count);
        for (long start = 0; start < n; start += rowsPerChunk)
        {
            using var chunkScope = NewDisposeScope();
            long length = Math.Min(rowsPerChunk, n - start);
            var squared = PairwiseDistances.Squared(points.narrow(0, start, length).to(ScalarType.Float64).cpu(), c);   // [length, N]
            var columns = new double[sigmas.Count][];
            for (int s = 0; s < sigmas.Count; s++)
            {
                double sigma = sigmas[s];
                double normaliser = Math.Log(count) + 0.5 * dimensions * Math.Log(2 * Math.PI * sigma * sigma);
                columns[s] = ((squared * (-0.5 / (sigma * sigma))).logsumexp(1) - normaliser).data<double>().ToArray();
            }
            for (long i = 0; i < length; i++)
            {
                var row = result[start + i] = new double[sigmas.Count];
                for (int s = 0; s < sigmas.Count; s++) row[s] = columns[s][i];
            }
        }
        return result;
    }

    /// <summary>log p_σ(x) for every row of <paramref name="points"/> at one σ.</summary>
    public static double[] LogDensities(Tensor points, Tensor centres, double sigma) =>
        LogDensities(points, centres, [sigma]).Select(row => row[0]).ToArray();

    /// <summary>
    /// The σ of <paramref name="sigmas"/> that maximises the mean log p_σ of <paramref name="validation"/>
    /// (the selection of Goodfellow et al. and Makhzani et al.), with the mean at every σ.
    /// </summary>
    public static (double Sigma, double[] MeanLogDensities) SelectBandwidth(Tensor validation, Tensor centres, IReadOnlyList<double> sigmas)
    {
        var densities = LogDensities(validation, centres, sigmas);
        if (densities.Length == 0) throw new ArgumentException("Choosing a bandwidth needs at least one validation point.", nameof(validation));
        var means = Enumerable.Range(0, sigmas.Count).Select(s => densities.Average(row => row[s])).ToArray();
        int best = Array.IndexOf(means, means.Max());
        return (sigmas[best], means);
    }

    /// <summary><paramref name="steps"/> values from <paramref name="minimum"/> to <paramref name="maximum"/>, evenly spaced in log.</summary>
    public static double[] LogSpaced(double minimum, double maximum, int steps)
    {
        if (!(minimum > 0) || !(maximum >= minimum)) throw new ArgumentException($"A log-spaced grid needs 0 < minimum <= maximum; got {minimum} and {maximum}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (steps == 1) return [minimum];
        double ratio = Math.Log(maximum / minimum) / (steps - 1);
        return Enumerable.Range(0, steps).Select(i => i == steps - 1 ? maximum : minimum * Math.Exp(ratio * i)).ToArray();
    }
}
