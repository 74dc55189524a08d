using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Rendering;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Reporting;
using LatentSharp.Training;
using LatentSharp.Visualization;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent finetune &lt;run&gt; --labels-per-class N</c>: a classifier made of the run's pretrained
/// dense encoder and a softmax head, trained with labels through the usual trainer into its own
/// run folder; <c>--from-scratch</c> trains the same network from random weights (the baseline).
/// <c>latent finetune &lt;finetune-run&gt; --resume [--epochs N]</c> continues an interrupted or
/// finished fine-tuning exactly as <c>latent train --resume</c> does.
/// </summary>
public sealed class FinetuneCommand : ICommand
{
    static readonly TrainerOptions Defaults = new() { Epochs = 30, BatchSize = 64, Seed = 1 };

    /// <inheritdoc />
    public string Name => "finetune";

    /// <inheritdoc />
    public string Summary => "Fine-tune a pretrained dense encoder plus a softmax head on N labels per class; reports test accuracy.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } =
        [new("run", "The pretrained run; with --resume, the fine-tuning run to continue.")];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("labels-per-class", "N|all", "Labelled training samples per class, or all (required for a new run)."),
        CliOption.Flag("from-scratch", "Train the same network from random weights (the baseline)."),
        CliOption.Value("lr", "X", "Learning rate, 1e-9 to 10. Default: 1e-3."),
        .. RunTraining.Declarations(Defaults, "<run>-finetune-<N>-seed<seed>"),
        .. CommonOptions.DataOptions("the pretrained run's data"), CommonOptions.DeviceOption("the run's device"),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = Path.TrimEndingDirectorySeparator(args.Positional("run folder"));
        bool resume = args.Flag("resume");
        bool overwrite = args.Flag("overwrite");
        // On --resume the positional is the fine-tuning run itself (or, with --out, the pretrained run it came from).
        var previous = resume ? RunTraining.LoadForResume(args.Value("out") ?? run, fineTuning: true) : null;
        var setup = previous?.FineTuning ?? Setup(args, run);
        if (previous is not null) CheckUnchanged(args, run, previous, setup);
        var trainerOptions = RunTraining.Options(args, Defaults, previous);
        double learningRate = previous is null ? args.Real("lr", 1e-3, 1e-9, 10) : 0;
        var device = CommonOptions.Device(args, previous?.Device);
        var perClass = setup.LabelsPerClass;
        string outDir = args.Value("out") ?? (resume ? run : $"{run}-{(setup.FromScratch ? "scratch" : "finetune")}-{perClass?.ToString(CultureInfo.InvariantCulture) ?? "all"}-seed{trainerOptions.Seed}");
        OutputPaths.Folder(outDir);

        IModel? pretrained = null;
        RunConfig? pretrainedConfig = null;
        if (previous is null) (pretrained, pretrainedConfig) = RunLoader.Load(run, device);
        using var _ = pretrained;
        IReadOnlyList<DenseLayer>? encoderLayers = null;
        if (pretrained is not null)
            encoderLayers = pretrained is IDenseEncoder { EncoderLayers.Count: > 0 } encoder
                ? encoder.EncoderLayers
                : throw new UsageException($"'{pretrained.Name}' has no dense encoder to fine-tune; finetune needs a stack of fully connected layers (e.g. autoencoder, stacked-autoencoder).");
        var dataOf = previous ?? pretrainedConfig!;
        var (split, source, testData, labelColumn) = CommonOptions.Data(args, context, dataOf.Data, dataOf.TestData, dataOf.LabelColumn);
        using var data = split;
        // The encoder reads samples of the pretrained run's shape (a resume: of the fine-tuning run's).
        if (pretrained is not null) RunLoader.CheckShape(pretrained.Name, pretrained.InputShape, data);
        else RunLoader.CheckShape(previous!.Model, previous.InputShape, data);
        if (data.Train.Labels is null) throw new UsageException($"'{source}' has no labels; finetune needs labelled training data.");
        if (data.Test?.Labels is null) throw new UsageException($"'{source}' has no labelled test split to measure accuracy on; give --test-data.");

        int classes = Classification.ClassCount(data.Train.Labels, data.Test.Labels);
        var options = previous is not null
            ? previous.ModelOptions()
            : FineTuning.ClassifierOptionsFor(encoderLayers!, classes, learningRate);
        // The subset depends only on the data, N and the seed, so a resume draws the same one.
        using var labelled = perClass is { } n ? LabelledSubsets.Balanced(data.Train, n, trainerOptions.Seed) : null;
        var train = labelled ?? data.Train;
        // A resume takes every weight from the checkpoint; a new run starts from the pretrained encoder.
        using var classifier = FineTuning.CreateClassifier(options, train.SampleShape, device, trainerOptions.Seed,
            previous is null && !setup.FromScratch ? encoderLayers : null);

        using var folder = RunTraining.OpenFolder(outDir, resume, overwrite);
        try
        {
            (RunConfig.For(classifier, source, trainerOptions) with { TestData = testData, LabelColumn = labelColumn, Device = device.ToString(), FineTuning = setup,
                DataDescription = new RunDataDescription(train.Count, "test", data.Test.Count, data.Notes) }).Save(folder.Path);
            context.Error.WriteLine($"{(resume ? "Resuming" : "Training")} a classifier {(setup.FromScratch ? "from random weights" : $"from {setup.PretrainedRun}'s encoder")} on {train.Count} labelled samples " +
                                    $"({(perClass is { } p ? $"{p} per class" : "all")}, {classes} classes) for {trainerOptions.Epochs} epochs → {outDir}");
            var display = TrainingDisplays.For(context);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = RunTraining.Fit(classifier, train, data.Test, "test", folder, trainerOptions, resume, $"latent finetune {outDir} --resume", context, display);
            if (result is null) return 130;

            RunPictures.Draw(classifier, outDir, data.Test);
            display.Finished(clock.Elapsed, RunReport.Write(outDir), outDir);
            var final = result.Final;
            context.Out.WriteLine($"start\t{(setup.FromScratch ? "random" : setup.PretrainedRun)}");
            context.Out.WriteLine($"labels\t{train.Count}");
            context.Out.WriteLine($"test.loss\t{final["test.loss"].ToString("G9", CultureInfo.InvariantCulture)}");
            context.Out.WriteLine($"test.accuracy\t{final[$"test.{FineTuning.AccuracyKey}"].ToString("F4", CultureInfo.InvariantCulture)}");
            context.Out.WriteLine($"run\t{outDir}");
            return 0;
        }
        catch
        {
            folder.Abandon();
            throw;
        }
    }

    /// <summary>A new fine-tuning's setup from the command line.</summary>
    static FineTuningConfig Setup(ArgumentList args, string pretrainedRun)
    {
        var perClassText = args.Value("labels-per-class") ?? throw new UsageException("--labels-per-class N (or 'all') is required.");
        int? perClass = perClassText.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : (int)args.Integer("labels-per-class", 0, 1, 1_000_000);
        return new FineTuningConfig { PretrainedRun = pretrainedRun, FromScratch = args.Flag("from-scratch"), LabelsPerClass = perClass };
    }

    /// <summary>A resume continues with the run's own start, labels and learning rate; saying otherwise is an error.</summary>
    static void CheckUnchanged(ArgumentList args, string run, RunConfig previous, FineTuningConfig setup)
    {
        if (args.Has("out") && Path.GetFullPath(run) != Path.GetFullPath(setup.PretrainedRun))
            throw new UsageException($"--resume: {args.Value("out")} was fine-tuned from {setup.PretrainedRun}, not from {run}.");
        const string message = "--resume continues with the run's saved --labels-per-class, --from-scratch and --lr; leave them out (only --epochs may change).";
        if (args.Has("labels-per-class") && Setup(args, setup.PretrainedRun).LabelsPerClass != setup.LabelsPerClass) throw new UsageException(message);
        if (args.Flag("from-scratch") && !setup.FromScratch) throw new UsageException(message);
        double savedRate = ((GradientModelOptions)previous.ModelOptions()).LearningRate.Start;   // finetune runs have a constant rate
        if (args.Real("lr", savedRate) != savedRate) throw new UsageException(message);
    }
}
