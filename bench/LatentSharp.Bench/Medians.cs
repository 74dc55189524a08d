namespace LatentSharp.Bench;

/// <summary>The median the benchmark tables report (the mean of the middle two for an even count; NaN for none).</summary>
static class Medians
{
    public static double Of(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
