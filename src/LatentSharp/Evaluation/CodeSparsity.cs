namespace LatentSharp.Evaluation;

/// <summary>Sparsity figures of a set of codes <c>[N, K]</c> (<see cref="CodeStatistics.Sparsity(TorchSharp.torch.Tensor, double)"/>).</summary>
/// <param name="Threshold">A unit counts as near zero (inactive) when |h| &lt; this.</param>
/// <param name="Samples">N, the number of codes.</param>
/// <param name="CodeSize">K, units per code.</param>
/// <param name="MeanActivation">Mean of h over samples and units.</param>
/// <param name="MeanAbsoluteActivation">Mean of |h| over samples and units.</param>
/// <param name="FractionNearZero">Fraction of (sample, unit) entries with |h| &lt; <paramref name="Threshold"/>.</param>
/// <param name="MeanActiveUnits">Mean over samples of the number of units with |h| ≥ <paramref name="Threshold"/>.</param>
/// <param name="DeadUnitFraction">Fraction of units near zero on every sample.</param>
/// <param name="MeanHoyer">
/// Mean over samples of Hoyer's scale-free sparsity (√K − ‖h‖₁/‖h‖₂)/(√K − 1): 0 when all units
/// are equal in magnitude, 1 when one unit carries everything (an all-zero code counts as 1; NaN when K = 1).
/// </param>
public sealed record CodeSparsity(
    double Threshold, long Samples, long CodeSize, double MeanActivation, double MeanAbsoluteActivation,
    double FractionNearZero, double MeanActiveUnits, double DeadUnitFraction, double MeanHoyer);
