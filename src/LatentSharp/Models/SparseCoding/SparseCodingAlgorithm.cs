namespace LatentSharp.Models.SparseCoding;

/// <summary>How codes are computed against a fixed dictionary.</summary>
public enum SparseCodingAlgorithm
{
    /// <summary>
    /// FISTA (Beck and Teboulle, 2009) with per-sample adaptive restart (O'Donoghue and Candès,
    /// 2015): proximal gradient on the lasso, one <c>[B, K] × [K, K]</c> product per iteration.
    /// </summary>
    Fista,
    /// <summary>
    /// Cyclic coordinate descent on the lasso with the Gram matrix (Friedman et al., 2007/2010), exact to
    /// the tolerance: on the CPU each sample is solved in managed code (active set, Newton finish on a
    /// stable support, samples in parallel); on other devices all samples at once on tensors. The default.
    /// </summary>
    CoordinateDescent,
    /// <summary>
    /// Orthogonal matching pursuit (Pati et al., 1993): exactly <c>NonZeros</c> atoms per sample,
    /// least-squares coefficients on the chosen support; ignores the L1 weight.
    /// </summary>
    Omp,
}
