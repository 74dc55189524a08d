using System.ComponentModel;

namespace LatentSharp.Models.Variational;

/// <summary>A fully connected VAE: input → hidden sizes → (μ, log σ²) of the code; the decoder mirrors the hidden sizes.</summary>
public sealed record VariationalAutoencoderOptions : VariationalAutoencoderOptionsBase
{
    /// <summary>Encoder hidden-layer sizes; the decoder mirrors them.</summary>
    [Description("Encoder hidden layer sizes, comma-separated (decoder mirrors them)")]
    public int[] HiddenSizes { get; init; } = [512, 256];

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        base.ValidateRelations();
        RequireEach(nameof(HiddenSizes), HiddenSizes, 1, 1_000_000, minCount: 0);
    }
}
