using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.SparseCoding;

/// <summary>
/// The dictionary step of online dictionary learning (Mairal, Bach, Ponce, Sapiro 2009,
/// https://arxiv.org/abs/0908.0050, Algorithm 2): block coordinate descent over the atoms on the
/// sufficient statistics <c>A = Σ αᵀα</c> <c>[K, K]</c> and <c>B = Σ αᵀx</c> <c>[K, d]</c>, each atom
/// projected onto the unit ball. Also the statistics' update with the forgetting schedule.
/// </summary>
internal static class DictionaryUpdate
{
    /// <summary>
    /// One or more BCD passes, in place on <paramref name="dictionary"/> <c>[K, d]</c>. An atom that no
    /// code uses (<c>A_jj ≈ 0</c>) is replaced by a random sample of <paramref name="batch"/> plus a little
    /// noise, as scikit-learn does. Returns the number of atoms replaced.
    /// </summary>
    public static int Run(Tensor dictionary, Tensor a, Tensor b, Tensor batch, int passes, Generator generator)
    {
        using var scope = NewDisposeScope();
        long atoms = dictionary.shape[0];
        var diagonal = a.diagonal().to(ScalarType.Float64).cpu().data<double>().ToArray();
        double unusedBelow = 1e-6 * Math.Max(1e-30, diagonal.Max());
        int replaced = 0;
        for (int pass = 0; pass < passes; pass++)
            for (int j = 0; j < atoms; j++)
            {
                using var atomScope = NewDisposeScope();
                var atom = dictionary[j];
                if (diagonal[j] <= unusedBelow)
                {
                    if (pass > 0) continue;
                    var pick = randint(batch.shape[0], [1], generator: generator, device: batch.device);
                    var sample = batch.index_select(0, pick).reshape(-1);
                    var noise = randn(sample.shape, generator: generator, dtype: sample.dtype, device: sample.device);
                    double level = 0.01 * Math.Max(1e-12, sample.std().ToDouble());
                    atom.copy_(sample + noise.mul_(level));
                    replaced++;
                }
                else
                {
                    // d_j ← d_j + (b_j − A_j D) / A_jj
                    var u = (b[j] - a[j].matmul(dictionary)).div_(diagonal[j]);
                    atom.add_(u);
                }
                // d_j ← d_j / max(‖d_j‖, 1)
                atom.div_(atom.norm().clamp_min(1.0));
            }
        return replaced;
    }

    /// <summary>
    /// Accumulates a batch's statistics: <c>A ← βA + αᵀα</c>, <c>B ← βB + αᵀx</c>, with scikit-learn's
    /// (1.2) version of Mairal et al.'s forgetting schedule: θ = (t+1)·η for t &lt; η − 1, else
    /// η² + t + 1 − η, and β = (θ + 1 − η)/(θ + 1), for step t and batch size η. With
    /// <paramref name="fullBatch"/>, β = 0: the statistics are those of the whole data set.
    /// </summary>
    public static void Accumulate(Tensor a, Tensor b, Tensor codes, Tensor samples, long step, long batchSize, bool fullBatch)
    {
        using var scope = NewDisposeScope();
        double beta;
        if (fullBatch) beta = 0;
        else
        {
            double theta = step < batchSize - 1 ? (step + 1.0) * batchSize : (double)batchSize * batchSize + step + 1 - batchSize;
            beta = (theta + 1 - batchSize) / (theta + 1);
        }
        var c = codes.to(a.dtype);
        a.mul_(beta).add_(c.t().mm(c));
        b.mul_(beta).add_(c.t().mm(samples.to(b.dtype)));
    }
}
