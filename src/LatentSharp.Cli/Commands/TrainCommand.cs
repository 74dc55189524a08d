using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Rendering;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Reporting;
using LatentSharp.Training;
using LatentSharp.Visualization;

namespace LatentSharp.Cli.Commands;

/// <summary><c>latent train &lt;model&gt;</c>: trains a model and writes a run folder.</summary>
public sealed class TrainCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "train";

    /// <inheritdoc />
    public string Summary => "Train a model; writes config, weights, checkpoint, metrics and pictures to a run folder. " +
                             "'latent train <model> --help' shows the model's hyper-parameters; 'latent train --resume --out <run>' continues a run.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        .. RunTraining.Declarations(new TrainerOptions(), "runs/<model>"),
        CliOption.Value("validation-fraction", "X", "Hold out this fraction of the training data, 0 to 0.9, for validation (early stopping, best epoch). Default: 0 (validate on the test split)."),
        CliOption.Value("lr", "X", "Short for the model's --learning-rate (a number or a schedule)."),
        .. CommonOptions.DataOptions("fashion-mnist-small"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    // One per catalogue entry, read at each run, with the options derived from the model's options record.
    public IReadOnlyList<CliSubcommand> Subcommands =>
        [.. ModelCatalog.All.Select(d => new CliSubcommand(d.Name, d.Summary, ModelHelp.Options(d), output => ModelHelp.Write(d, output)))];

    /// <inheritdoc />
    public string SubcommandKind => "model";

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        bool resume = args.Flag("resume");
        bool overwrite = args.Flag("overwrite");
        string? modelName = args.OptionalPositional();
        var outDir = args.Value("out");

        RunConfig? previous = null;
        if (resume)
        {
            if (outDir is null) throw new UsageException("--resume needs --out <run folder> to continue.");
            previous = RunTraining.LoadForResume(outDir, fineTuning: false);
            if (modelName is not null && !string.Equals(modelName, previous.Model, StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"{outDir} holds a run of '{previous.Model}', not '{modelName}'.");
            modelName = previous.Model;
        }
        if (modelName is null) throw new UsageException("Missing model name. Run 'latent models' to list them.");
        var descriptor = ModelCatalog.Get(modelName);
        outDir = OutputPaths.Folder(outDir ?? Path.Combine("runs", descriptor.Name));

        // Everything the user typed is checked before the run folder is touched.
        var modelOptions = previous?.ModelOptions() ?? descriptor.DefaultOptions();
        if (args.Has("lr"))
        {
            if (modelOptions is not GradientModelOptions) throw new UsageException($"--lr: '{descriptor.Name}' has no learning rate.");
            // --lr is short for --learning-rate (the main optimiser's); both at once would leave one silently ignored.
            if (args.Has("learning-rate")) throw new UsageException("--lr and --learning-rate are the same option; give one of them.");
            modelOptions = (GradientModelOptions)modelOptions with { LearningRate = OptionBinder.ParseSchedule("lr", args.Value("lr") ?? "") };
        }
        var fromCommandLine = OptionBinder.Bind(modelOptions, args);
        if (previous is not null && OptionsJson.Serialize(fromCommandLine) != OptionsJson.Serialize(previous.ModelOptions()))
            throw new UsageException("--resume continues with the run's saved hyper-parameters; leave out the model options (only --epochs may change).");
        modelOptions = fromCommandLine;

        var trainerOptions = RunTraining.Options(args, new TrainerOptions(), previous);
        double validationFraction = args.Real("validation-fraction", previous?.ValidationFraction ?? 0, 0, 0.9);
        var device = CommonOptions.Device(args, previous?.Device);
        var (split, source, testData, labelColumn) = CommonOptions.Data(args, context, previous?.Data, previous?.TestData, previous?.LabelColumn);

        using var data = split;
        if (previous is not null) RunLoader.CheckShape(previous.Model, previous.InputShape, data);
        // Every input is checked: now the folder is taken. A failure before the new run's first
        // checkpoint leaves it as it was (no folder, or the run it held before).
        using var folder = RunTraining.OpenFolder(outDir, resume, overwrite);
        try
        {
            Dataset train = data.Train;
            Dataset? heldOut = null;
            if (validationFraction > 0) (train, heldOut) = data.Train.Split(validationFraction, trainerOptions.Seed);
            using var ownedTrain = validationFraction > 0 ? train : null;
            using var ownedValidation = heldOut;
            var validation = heldOut ?? data.Test;
            string validationName = heldOut is not null ? "validation" : "test";

            using var model = CreateModel(descriptor.Name, modelOptions, train.SampleShape, device, trainerOptions.Seed);
            if (model is not ITrainable trainable) throw new UsageException($"'{descriptor.Name}' cannot be trained.");
            RunLoader.CheckData(model, data);   // the test split too, which the Trainer does not see when validating on a held-out part
            var config = RunConfig.For(model, source, trainerOptions) with
            {
                TestData = testData, LabelColumn = labelColumn, ValidationFraction = validationFraction, Device = device.ToString(),
                DataDescription = new RunDataDescription(train.Count, validationName, validation?.Count, data.Notes),
            };
            config.Save(folder.Path);

            context.Error.WriteLine($"Training {descriptor.Name} on {source} ({train.Count} samples of [{string.Join(", ", train.SampleShape)}]) for {trainerOptions.Epochs} epochs → {outDir}");
            var display = TrainingDisplays.For(context);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = RunTraining.Fit(trainable, train, validation, validationName, folder, trainerOptions, resume, $"latent train --resume --out {outDir}", context, display);
            if (result is null) return 130;

            RunPictures.Draw(model, outDir, data.Test ?? train);
            var files = RunReport.Write(outDir);
            display.Finished(clock.Elapsed, files, outDir);
            foreach (var (key, value) in result.Final.Where(kv => kv.Key.EndsWith(".loss", StringComparison.Ordinal)))
                context.Out.WriteLine($"{key}\t{value.ToString("G9", System.Globalization.CultureInfo.InvariantCulture)}");
            // The live display's table already listed them on this screen; a pipe or a file gets them as lines.
            if (!context.ResultsShownLive)
                foreach (var file in files) context.Out.WriteLine($"file\t{file.Name}\t{file.Description}");
            context.Out.WriteLine($"run\t{outDir}");
            return 0;
        }
        catch (InvalidOptionException e)
        {
            // A value refused once the data is seen (more clusters than samples) is named as the option the user typed.
            folder.Abandon();
            throw OptionBinder.AsUsage(e);
        }
        catch
        {
            folder.Abandon();
            throw;
        }
    }

    /// <summary>The model; a refusal that depends on more than the options (a map too big for memory) names the option to change.</summary>
    static IModel CreateModel(string name, ModelOptions options, long[] sampleShape, TorchSharp.torch.Device device, long seed)
    {
        try { return ModelCatalog.Create(name, options, sampleShape, device, seed); }
        catch (InvalidOptionException e) { throw OptionBinder.AsUsage(e); }
    }
}
