using System.Globalization;

namespace LatentSharp.Bench;

/// <summary>The "--name value" options every subcommand here reads (invariant culture, so scripts behave the same in any locale).</summary>
static class BenchArguments
{
    public static string Text(IReadOnlyList<string> args, string name, string fallback)
    {
        int i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : fallback;
    }

    public static double Number(IReadOnlyList<string> args, string name, double fallback) =>
        double.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static int Integer(IReadOnlyList<string> args, string name, int fallback) =>
        int.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static bool Flag(IReadOnlyList<string> args, string name) => args.Contains(name);
}
