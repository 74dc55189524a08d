using System.Globalization;
using LatentSharp.Cli.CommandLine;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// <c>latent probe &lt;run&gt;</c>: how useful a model's codes are to other algorithms. Fits a linear
/// probe (L2-regularised softmax regression) on the training split's codes and scores the test
/// split; also k-NN accuracy on the codes; the same two on raw pixels as the baseline.
/// </summary>
public sealed class ProbeCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "probe";

    /// <inheritdoc />
    public string Summary => "Linear-probe and k-NN test accuracy of a model's codes, beside the same on raw pixels.";

    /// <inheritdoc />
    public IReadOnlyList<CliArgument> Arguments { get; } = [CommonOptions.RunArgument];

    /// <inheritdoc />
    public IReadOnlyList<CliOption> Options { get; } =
    [
        CliOption.Value("k", "N", "Neighbours of the k-NN classifier, 1 to 10000. Default: 5."),
        CliOption.Value("metric", "metric", "euclidean or cosine. Default: euclidean.") with { Completions = ["euclidean", "cosine"] },
        CliOption.Value("l2", "X", "L2 penalty of the linear probe, 0 to 1000. Default: 1e-4."),
        CliOption.Value("probe-epochs", "N", "Epochs of the linear probe. Default: 30."),
        CliOption.Value("seed", "N", "Seed of the probe. Default: 1."),
        .. CommonOptions.DataOptions("the run's data"), CommonOptions.DeviceOption(),
    ];

    /// <inheritdoc />
    public int Run(ArgumentList args, CliContext context)
    {
        var run = args.Positional("run folder");
        int k = (int)args.Integer("k", 5, 1, 10_000);
        var metricText = args.Value("metric") ?? "euclidean";
        var metric = metricText.ToLowerInvariant() switch
        {
            "euclidean" => DistanceMetric.Euclidean,
            "cosine" => DistanceMetric.Cosine,
            _ => throw new UsageException($"--metric: '{metricText}' is not a metric; use euclidean or cosine."),
        };
        var probeOptions = new LinearProbeOptions
        {
            L2 = args.Real("l2", 1e-4, 0, 1e3),
            Epochs = (int)args.Integer("probe-epochs", 30, 1, 100_000),
            Seed = args.Integer("seed", 1),
        };
        var device = CommonOptions.Device(args);
        var (model, config) = RunLoader.Load(run, device);
        using var _ = model;
        var encoder = RunLoader.As<IEncoder>(model, "encode (probe needs codes)");
        var (split, source, _, _) = CommonOptions.Data(args, context, config.Data, config.TestData, config.LabelColumn);
        using var data = split;
        RunLoader.CheckData(model, data);
        if (data.Train.Labels is null) throw new UsageException($"'{source}' has no labels; probe needs labelled data.");
        if (data.Test?.Labels is null) throw new UsageException($"'{source}' has no labelled test split; give --test-data.");
        if (k > data.Train.Count) throw new UsageException($"--k: {k} is more than the {data.Train.Count} training samples.");
        int classes = Classification.ClassCount(data.Train.Labels, data.Test.Labels);

        context.Out.WriteLine($"data\t{source}\t{data.Train.Count} train, {data.Test.Count} test, {classes} classes");
        context.Out.WriteLine($"features\tdims\tlinear\tknn(k={k},{metricText.ToLowerInvariant()})");
        using (var scope = NewDisposeScope())
        {
            var trainCodes = encoder.Encode(data.Train.Features).cpu();
            var testCodes = encoder.Encode(data.Test.Features).cpu();
            Report(context, "codes", trainCodes, testCodes, data, classes, k, metric, probeOptions);
        }
        using (var scope = NewDisposeScope())
        {
            var trainPixels = data.Train.Features.reshape(data.Train.Count, -1);
            var testPixels = data.Test.Features.reshape(data.Test.Count, -1);
            Report(context, "pixels", trainPixels, testPixels, data, classes, k, metric, probeOptions);
        }
        return 0;
    }

    static void Report(CliContext context, string name, Tensor train, Tensor test, DataSplit data, int classes, int k, DistanceMetric metric, LinearProbeOptions options)
    {
        using var probe = LinearProbe.Fit(train, data.Train.Labels!, classes, options);
        double linear = probe.Accuracy(test, data.Test!.Labels!);
        using var knn = new NearestNeighborsClassifier(train, data.Train.Labels!, classes, k, metric);
        double neighbours = knn.Accuracy(test, data.Test.Labels!);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{train.shape[1]}\t{linear:F4}\t{neighbours:F4}"));
    }
}
