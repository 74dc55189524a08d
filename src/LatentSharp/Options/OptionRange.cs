using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace LatentSharp.Options;

/// <summary>Human-readable text for a declared <see cref="RangeAttribute"/>.</summary>
public static class OptionRange
{
    /// <summary>Describes the range, e.g. <c>in (0, 10]</c> or <c>≥ 1</c>.</summary>
    public static string Describe(RangeAttribute range)
    {
        var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        var lo = range.MinimumIsExclusive ? "(" : "[";
        var hi = range.MaximumIsExclusive ? ")" : "]";
        bool unboundedAbove = max >= int.MaxValue || double.IsPositiveInfinity(max);
        string Num(double v) => v.ToString("G", CultureInfo.InvariantCulture);
        if (unboundedAbove)
            return range.MinimumIsExclusive ? $"> {Num(min)}" : $">= {Num(min)}";
        return $"in {lo}{Num(min)}, {Num(max)}{hi}";
    }
}
