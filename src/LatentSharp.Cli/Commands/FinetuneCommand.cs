using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Rendering;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Models.Supervised;
using LatentSharp.Training;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent finetune &lt;run&gt; --labels-per-class N</c>: a classifier made of the run's pretrained
/// dense encoder and a softmax head, trained with labels through the usual trainer into its own
/// run folder; <c>--from-scratch</c> trains the same network from random weights (the baseline).
/// </summary>
public sealed class FinetuneCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "finetune";

    /// <inheritdoc />
    public string Usage => "latent finetune <run> --labels-per-class N|all [--epochs N] [--batch-size N] [--lr X] [--seed N] [--from-scratch] [--out <dir>] [--data <source>]";

    /// <inheritdoc />
    public string Summary => "Fine-tune a pretrained dense encoder plus a softmax head on N labels per class; reports test accuracy.";

    /// <inheritdoc />
    public ISet<string> Flags { get; } = new HashSet<string> { "from-scratch", "overwrite", "verbose" };

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = Path.TrimEndingDirectorySeparator(args.Positional("run folder"));
        var perClassText = args.Value("labels-per-class") ?? throw new UsageException("--labels-per-class N (or 'all') is required.");
        int? perClass = perClassText.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : (int)args.Integer("labels-per-class", 0, 1, 1_000_000);
        bool fromScratch = args.Flag("from-scratch");
        bool overwrite = args.Flag("overwrite");
        var trainerOptions = new TrainerOptions
        {
            Epochs = (int)args.Integer("epochs", 30, 1, 1_000_000),
            BatchSize = (int)args.Integer("batch-size", 64, 1, 1_000_000),
            Seed = args.Integer("seed", 1),
        };
        double learningRate = args.Real("lr", 1e-3, 1e-9, 10);
        var device = CommonOptions.Device(args);
        string outDir = args.Value("out") ?? $"{run}-{(fromScratch ? "scratch" : "finetune")}-{perClass?.ToString(CultureInfo.InvariantCulture) ?? "all"}-seed{trainerOptions.Seed}";
        args.Flag("verbose");

        var (pretrained, config) = RunLoader.Load(run, device);
        using var _ = pretrained;
        if (pretrained is not IDenseEncoder { EncoderLayers.Count: > 0 } encoder)
            throw new UsageException($"'{pretrained.Name}' has no dense encoder to fine-tune; finetune needs a stack of fully connected layers (e.g. autoencoder, stacked-autoencoder).");
        var (split, source, testData, labelColumn) = CommonOptions.Data(args, config.Data, config.TestData, config.LabelColumn);
        args.EnsureAllUsed(["labels-per-class", "from-scratch", "epochs", "batch-size", "lr", "seed", "device", "out", "overwrite", .. CommonOptions.DataOptionNames]);
        using var data = split;
        if (data.Train.Labels is null) throw new UsageException($"'{source}' has no labels; finetune needs labelled training data.");
        if (data.Test?.Labels is null) throw new UsageException($"'{source}' has no labelled test split to measure accuracy on; give --test-data.");
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            if (!overwrite) throw new UsageException($"{outDir} already holds a run. Use --overwrite to replace it, or --out for another folder.");
            foreach (var file in RunArtifacts.Files(outDir)) File.Delete(file);
        }

        int classes = Classification.ClassCount(data.Train.Labels, data.Test.Labels);
        var options = ClassifierOptions.ForEncoder(encoder.EncoderLayers, classes) with { LearningRate = learningRate };
        using var labelled = perClass is { } n ? LabelledSubsets.Balanced(data.Train, n, trainerOptions.Seed) : null;
        var train = labelled ?? data.Train;
        using var classifier = (Classifier)ModelCatalog.Create("classifier", options, train.SampleShape, device, trainerOptions.Seed);
        if (!fromScratch) classifier.CopyEncoderFrom(encoder.EncoderLayers);

        Directory.CreateDirectory(outDir);
        (RunConfig.For(classifier, source, trainerOptions) with { TestData = testData, LabelColumn = labelColumn, Device = device.ToString() }).Save(outDir);
        context.Error.WriteLine($"Training a classifier {(fromScratch ? "from random weights" : $"from {run}'s encoder")} on {train.Count} labelled samples " +
                                $"({(perClass is { } p ? $"{p} per class" : "all")}, {classes} classes) for {trainerOptions.Epochs} epochs → {outDir}");
        var trainer = new Trainer(trainerOptions, outDir, new ProgressRenderer(context.Error, context.Interactive));
        var result = trainer.Fit(classifier, train, data.Test, "test", cancellation: context.Cancellation);
        if (result.Cancelled)
        {
            context.Error.WriteLine("Interrupted.");
            return 130;
        }
        RunArtifacts.DrawPictures(classifier, outDir, data.Test);
        var final = result.Final;
        context.Out.WriteLine($"start\t{(fromScratch ? "random" : run)}");
        context.Out.WriteLine($"labels\t{train.Count}");
        context.Out.WriteLine($"test.loss\t{final["test.loss"].ToString("G6", CultureInfo.InvariantCulture)}");
        context.Out.WriteLine($"test.accuracy\t{final[$"test.{Classifier.AccuracyKey}"].ToString("F4", CultureInfo.InvariantCulture)}");
        context.Out.WriteLine($"run\t{outDir}");
        return 0;
    }
}
