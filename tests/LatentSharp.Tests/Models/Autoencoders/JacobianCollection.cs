namespace LatentSharp.Tests.Models.Autoencoders;

/// <summary>
/// Jacobian tests run alone (they hold several replicated batches). Observed while writing them: in this libtorch
/// build float32 CPU convolutions occasionally return wrong values (~20 % off, or outside a sigmoid's range in
/// AutoencoderTests) when tests run in parallel; float64 convolutions and dense layers were never affected.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JacobianCollection
{
    public const string Name = "Jacobians (not parallel)";
}
