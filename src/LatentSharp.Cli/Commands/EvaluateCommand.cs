using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Training;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent evaluate &lt;run&gt;</c>: the model's figures on a data split.</summary>
public sealed class EvaluateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "evaluate";

    /// <inheritdoc />
    public string Usage => "latent evaluate <run> [--data <source>] [--split test|train] [--batch-size N]";

    /// <inheritdoc />
    public string Summary => "Evaluate a trained model (loss and its parts) on the test split or given data.";

    /// <inheritdoc />
    public ISet<string> Flags { get; } = new HashSet<string> { "verbose" };

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        var device = CommonOptions.Device(args);
        var splitName = args.Value("split");
        int batchSize = (int)args.Integer("batch-size", 512, 1, 1_000_000);
        args.Flag("verbose");
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var (split, _, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        args.EnsureAllUsed(["data", "test-data", "label-column", "split", "batch-size", "device"]);
        using var data = split;
        RunLoader.CheckData(model, data);
        var dataset = CommonOptions.Split(data, splitName);
        var trainable = RunLoader.As<ITrainable>(model, "be evaluated");
        using var generator = new TorchSharp.torch.Generator(0);
        var metrics = trainable.Evaluate(dataset, new TrainingContext(generator, batchSize));
        context.Out.WriteLine($"data\t{dataset.Name}\t{dataset.Count} samples");
        foreach (var (key, value) in metrics)
            context.Out.WriteLine($"{key}\t{value.ToString("G6", CultureInfo.InvariantCulture)}");
        return 0;
    }
}
