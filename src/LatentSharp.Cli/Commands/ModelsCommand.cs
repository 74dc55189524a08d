using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;
using LatentSharp.Options;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent models [name]</c>: lists models, or one model's hyper-parameters.</summary>
public sealed class ModelsCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "models";

    /// <inheritdoc />
    public string Usage => "latent models [model]";

    /// <inheritdoc />
    public string Summary => "List the models, or show one model's hyper-parameters with defaults and meanings.";

    /// <inheritdoc />
    public ISet<string> Flags { get; } = new HashSet<string> { "verbose" };

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var name = args.OptionalPositional();
        args.Flag("verbose");
        args.EnsureAllUsed([]);
        if (name is null)
        {
            int width = ModelCatalog.All.Max(d => d.Name.Length) + 2;
            foreach (var d in ModelCatalog.All)
                context.Out.WriteLine(d.Name.PadRight(width) + d.Summary);
            context.Out.WriteLine();
            context.Out.WriteLine("Show a model's hyper-parameters: latent models <model>");
            return 0;
        }
        var descriptor = ModelCatalog.Get(name);
        var defaults = descriptor.DefaultOptions();
        context.Out.WriteLine($"{descriptor.Name}: {descriptor.Summary}");
        context.Out.WriteLine();
        context.Out.WriteLine($"Usage: latent train {descriptor.Name} [--data <source>] [trainer options] [options below]");
        context.Out.WriteLine();
        var fields = OptionBinder.Fields(descriptor.OptionsType);
        var rows = fields.Select(f => (Name: "--" + f.CliName, Default: OptionBinder.Format(f.Property.GetValue(defaults)), f.Range, f.Description)).ToList();
        int nameWidth = rows.Max(r => r.Name.Length) + 2, defaultWidth = Math.Max(9, rows.Max(r => r.Default.Length) + 2);
        context.Out.WriteLine("option".PadRight(nameWidth) + "default".PadRight(defaultWidth) + "meaning");
        foreach (var r in rows)
            context.Out.WriteLine(r.Name.PadRight(nameWidth) + r.Default.PadRight(defaultWidth) + r.Description + (r.Range.Length > 0 ? $" ({r.Range})" : ""));
        context.Out.WriteLine();
        context.Out.WriteLine("Trainer options: --epochs 10, --batch-size 128, --seed 1, --patience 0 (early stopping off), --validation-fraction 0,");
        context.Out.WriteLine("  --checkpoint-every 0 (steps), --device cpu, --out runs/<model>, --resume, --overwrite, --lr (alias of --learning-rate)");
        return 0;
    }
}
