using LatentSharp.Cli.CommandLine;
using LatentSharp.Models;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent models [name]</c>: lists models, or one model's hyper-parameters.</summary>
public sealed class ModelsCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "models";

    /// <inheritdoc />
    public string Summary => "List the models, or show one model's hyper-parameters with defaults and meanings.";

    /// <inheritdoc />
    // Read at each run, so a model registered at run time completes too.
    public IReadOnlyList<CliArgument> Arguments =>
        [new("model", "A model's name: show its hyper-parameters.", Required: false) { Completions = [.. ModelCatalog.All.Select(d => d.Name)] }];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } = [];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var name = args.OptionalPositional();
        if (name is null)
        {
            int width = ModelCatalog.All.Max(d => d.Name.Length) + 2;
            foreach (var d in ModelCatalog.All)
                context.Out.WriteLine(d.Name.PadRight(width) + d.Summary);
            context.Out.WriteLine();
            context.Out.WriteLine("Show a model's hyper-parameters: latent models <model> (or latent train <model> --help)");
            return 0;
        }
        if (ModelCatalog.All.All(d => !d.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            && Spelling.Closest(name, ModelCatalog.All.Select(d => d.Name)) is { } closest)
            throw new UsageException($"Unknown model '{name}'; did you mean '{closest}'?");
        ModelHelp.Write(ModelCatalog.Get(name), context.Out);
        return 0;
    }
}
