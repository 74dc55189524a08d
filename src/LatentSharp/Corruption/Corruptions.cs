using System.Globalization;

namespace LatentSharp.Corruption;

/// <summary>
/// Parses corruption specs. Grammar: <c>spec = part ("+" part)*</c>, <c>part = kind ":" level</c>,
/// parts applied left to right, kinds case-insensitive, levels invariant-culture numbers, e.g.
/// <c>gaussian:0.3+masking:0.2</c>. Kinds and their level: <c>gaussian</c> (σ &gt; 0, additive),
/// <c>masking</c> (fraction zeroed, in (0, 1)), <c>salt-and-pepper</c> (fraction set to 0 or 1, in
/// (0, 1)), <c>speckle</c> (relative σ &gt; 0, multiplicative), <c>blocks</c> (side in pixels of one
/// zeroed square per image, a whole number ≥ 1).
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
            : throw new ArgumentOutOfRangeException(nameof(level), level, "The level of blocks (the square's side) must be a whole number of pixels >= 1."),
    };

    /// <summary>The kinds a spec may name.</summary>
    public static IReadOnlyCollection<string> KindNames => Kinds.Keys;

    /// <summary>Parses <paramref name="spec"/>; null for an empty or blank spec (no corruption).</summary>
    /// <exception cref="FormatException">An empty part, unknown kind, or a missing or bad level; the message quotes the part and says what is allowed.</exception>
    public static ICorruption? Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return null;
        var parts = new List<ICorruption>();
        foreach (var raw in spec.Split('+'))
        {
            var part = raw.Trim();
            if (part.Length == 0)
                throw new FormatException($"'{spec}' has an empty part; join kind:level parts with a single +, e.g. gaussian:0.3+masking:0.2.");
            int colon = part.IndexOf(':');
            var kind = (colon < 0 ? part : part[..colon]).Trim();
            if (!Kinds.TryGetValue(kind, out var create))
                throw new FormatException($"Unknown noise kind '{kind}' in '{part}'. Kinds: {string.Join(", ", Kinds.Keys)}.");
            var levelText = colon < 0 ? "" : part[(colon + 1)..].Trim();
            if (levelText.Length == 0)
                throw new FormatException($"'{part}' has no level; write kind:level, e.g. {kind.ToLowerInvariant()}:{ExampleLevel(kind)}.");
            if (!double.TryParse(levelText, NumberStyles.Float, CultureInfo.InvariantCulture, out var level))
                throw new FormatException($"The level '{levelText}' in '{part}' is not a number.");
            try { parts.Add(create(level)); }
            catch (ArgumentOutOfRangeException e)
            {
                throw new FormatException($"'{part}': {e.Message.Split(" (Parameter")[0]}");
            }
        }
        return parts.Count == 1 ? parts[0] : new CompositeCorruption(parts);
    }

    static string ExampleLevel(string kind) => kind.Equals("blocks", StringComparison.OrdinalIgnoreCase) ? "8" : "0.3";
}
