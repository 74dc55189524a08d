namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>The penalties an autoencoder's options switch on.</summary>
public static class AutoencoderPenalties
{
    /// <summary>One penalty per non-zero weight in <paramref name="options"/>.</summary>
    public static IReadOnlyList<ICodePenalty> From(AutoencoderOptionsBase options)
    {
        var penalties = new List<ICodePenalty>();
        if (options.L1Weight > 0) penalties.Add(new L1CodePenalty(options.L1Weight));
        if (options.SparsityWeight > 0) penalties.Add(new KLSparsityPenalty(options.SparsityTarget, options.SparsityWeight));
        if (options.ContractiveWeight > 0) penalties.Add(new ContractivePenalty(options.ContractiveWeight, ContractivePenalty.MethodFor(options)));
        return penalties;
    }
}
