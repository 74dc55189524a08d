namespace LatentSharp.Layers.Kernels;

/// <summary>Which estimator of MMD² (Gretton et al. 2012, https://jmlr.org/papers/v13/gretton12a.html).</summary>
public enum MmdStatistic
{
    /// <summary>
    /// The U-statistic: within-sample means leave out the diagonal k(x_i, x_i), so its expectation is
    /// exactly MMD²; it can be slightly negative when the distributions agree. Needs ≥ 2 samples per side.
    /// </summary>
    Unbiased,
    /// <summary>The V-statistic: means over all pairs, diagonal included; ≥ 0, biased upwards by O(1/n) (the GMMN paper's objective).</summary>
    Biased,
}
