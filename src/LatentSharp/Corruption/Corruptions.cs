using System.Globalization;

namespace LatentSharp.Corruption;

/// <summary>
/// Parses corruption specs: <c>kind:level</c>, several joined by <c>+</c>, e.g.
/// <c>gaussian:0.3+masking:0.2</c>. Kinds: gaussian (σ), masking (fraction), salt-and-pepper
/// (fraction), speckle (σ), blocks (side in pixels).
/// </summary>
public static class Corruptions
{
    static readonly Dictionary<string, Func<double, ICorruption>> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gaussian"] = level => new GaussianNoise(level),
        ["masking"] = level => new MaskingNoise(level),
        ["salt-and-pepper"] = level => new SaltAndPepperNoise(level),
        ["speckle"] = level => new SpeckleNoise(level),
        ["blocks"] = level => level == Math.Floor(level) && level >= 1 && level <= 100_000
            ? new BlockOcclusion((int)level)
            : throw new ArgumentOutOfRangeException(nameof(level), level, "The level of blocks is the square's side, a whole number of pixels >= 1."),
    };

    /// <summary>The kinds a spec may name.</summary>
    public static IReadOnlyCollection<string> KindNames => Kinds.Keys;

    /// <summary>Parses <paramref name="spec"/>; null for an empty spec (no corruption).</summary>
    /// <exception cref="FormatException">Unknown kind, missing or bad level; the message says which part.</exception>
    public static ICorruption? Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return null;
        var parts = new List<ICorruption>();
        foreach (var raw in spec.Split('+'))
        {
            var part = raw.Trim();
            int colon = part.IndexOf(':');
            if (colon < 0)
                throw new FormatException($"'{part}' has no level; write kind:level, e.g. gaussian:0.3. Kinds: {string.Join(", ", Kinds.Keys)}.");
            var kind = part[..colon].Trim();
            if (!Kinds.TryGetValue(kind, out var create))
                throw new FormatException($"Unknown noise kind '{kind}'. Kinds: {string.Join(", ", Kinds.Keys)}.");
            if (!double.TryParse(part[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var level))
                throw new FormatException($"'{part[(colon + 1)..]}' in '{part}' is not a number.");
            try { parts.Add(create(level)); }
            catch (ArgumentOutOfRangeException e) { throw new FormatException(e.Message.Split(" (Parameter")[0]); }
        }
        return parts.Count == 1 ? parts[0] : new CompositeCorruption(parts);
    }
}
