namespace LatentSharp.Data;

/// <summary>
/// How <see cref="ImagePatches"/> samples patches from photographs. As a data-source spec these are
/// comma-separated <c>key=value</c> pairs after the path:
/// <c>image-patches:photos/,size=8,count=20000,test=2000,seed=1,normalize=whiten</c>.
/// </summary>
public sealed record ImagePatchOptions
{
    /// <summary>Side p of the square p×p patches, in [2, 64] (spec key <c>size</c>).</summary>
    public int PatchSize { get; init; } = 8;

    /// <summary>Training patches, in [1, 10⁷] (spec key <c>count</c>).</summary>
    public int Count { get; init; } = 20_000;

    /// <summary>Held-out patches, from the bottom fifth of every image, which no training patch overlaps; in [0, 10⁷] (spec key <c>test</c>).</summary>
    public int TestCount { get; init; } = 2_000;

    /// <summary>Seed of the patch positions (spec key <c>seed</c>).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Normalisation (spec key <c>normalize</c>: none, center, contrast, whiten).</summary>
    public PatchNormalization Normalization { get; init; } = PatchNormalization.Whiten;

    /// <summary>Checks every field; throws naming the bad one and its allowed range.</summary>
    /// <exception cref="DataSourceException">A field is out of range.</exception>
    public void Validate()
    {
        if (PatchSize is < 2 or > 64) throw new DataSourceException($"Patch size (size) must be in [2, 64]; got {PatchSize}.");
        if (Count is < 1 or > 10_000_000) throw new DataSourceException($"Patch count (count) must be in [1, 10000000]; got {Count}.");
        if (TestCount is < 0 or > 10_000_000) throw new DataSourceException($"Held-out patch count (test) must be in [0, 10000000]; got {TestCount}.");
        if (!Enum.IsDefined(Normalization)) throw new DataSourceException($"Unknown patch normalisation {Normalization}; use none, center, contrast or whiten.");
    }
}
