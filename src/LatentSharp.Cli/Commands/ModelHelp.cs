using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Options;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// A model's page: its summary, usage and hyper-parameters (from its options record) with defaults,
/// meanings and ranges. Shown by <c>latent models &lt;model&gt;</c> and <c>latent train &lt;model&gt; --help</c>.
/// </summary>
internal static class ModelHelp
{
    /// <summary>Writes <paramref name="descriptor"/>'s page.</summary>
    public static void Write(ModelDescriptor descriptor, TextWriter output)
    {
        var defaults = descriptor.DefaultOptions();
        output.WriteLine($"{descriptor.Name}: {descriptor.Summary}");
        output.WriteLine();
        output.WriteLine($"Usage: latent train {descriptor.Name} [--data <source>] [trainer options] [options below]");
        output.WriteLine();
        var rows = OptionFields.Of(descriptor.OptionsType)
            .Select(f => (Name: "--" + f.Name, Default: OptionBinder.Format(f.Property.GetValue(defaults)), f.Allowed, f.Description)).ToList();
        int nameWidth = rows.Max(r => r.Name.Length) + 2, defaultWidth = Math.Max(9, rows.Max(r => r.Default.Length) + 2);
        output.WriteLine("option".PadRight(nameWidth) + "default".PadRight(defaultWidth) + "meaning");
        foreach (var r in rows)
            output.WriteLine(r.Name.PadRight(nameWidth) + r.Default.PadRight(defaultWidth) + r.Description + (r.Allowed.Length > 0 ? $" ({r.Allowed})" : ""));
        output.WriteLine();
        output.WriteLine("Trainer options: --epochs 10, --batch-size 128, --seed 1, --patience 0 (early stopping off), --min-delta 0, --validation-fraction 0,");
        output.WriteLine("  --checkpoint-every 0 (steps), --device cpu, --out runs/<model>, --resume, --overwrite, --lr (alias of --learning-rate)");
        output.WriteLine("Data: --data <source> (default fashion-mnist-small; 'latent data' lists the kinds), --test-data <path>, --label-column <column>");
    }

    /// <summary>The model's hyper-parameters as command-line options, each described with its default and range.</summary>
    public static IReadOnlyList<CliOption> Options(ModelDescriptor descriptor)
    {
        var defaults = descriptor.DefaultOptions();
        return OptionFields.Of(descriptor.OptionsType).Select(f =>
        {
            var type = f.Property.PropertyType;
            var range = f.Allowed.Length > 0 ? $" ({f.Allowed})" : "";
            return CliOption.Value(f.Name, ValueName(type), $"{f.Description}{range}. Default: {OptionBinder.Format(f.Property.GetValue(defaults))}.") with
            {
                Completions = type.IsEnum ? [.. Enum.GetNames(type).Select(OptionFields.Kebab)] : type == typeof(bool) ? ["true", "false"] : [],
            };
        }).ToList();
    }

    static string ValueName(Type type) =>
        type == typeof(int) || type == typeof(long) ? "N" :
        type == typeof(int[]) ? "N,N,..." :
        type == typeof(bool) ? "true|false" :
        type.IsEnum ? string.Join("|", Enum.GetNames(type).Select(OptionFields.Kebab)) : "X";
}
