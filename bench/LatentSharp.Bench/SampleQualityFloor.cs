using System.Diagnostics;
using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// <c>sample-quality-floor</c>: what the sample-quality estimators give a "perfect model" whose samples
/// are real images — the last <c>--held-out</c> (10,000) Fashion-MNIST training images — scored against
/// the test split exactly as <c>latent evaluate</c> scores a generator (same estimators, same seed), with
/// the σ-validation samples of <c>parzen</c> drawn from the other training images. Prints one line per figure.
/// </summary>
static class SampleQualityFloor
{
    public static int Run(string[] args)
    {
        int heldOut = BenchArguments.Integer(args, "--held-out", 10_000);
        var specs = BenchArguments.Text(args, "--estimators", "parzen;frechet;classes").Split(';');
        using var split = DataSources.Resolve(DataSources.FashionMnist);
        var train = split.Train.Take(split.Train.Count - heldOut);
        using var images = split.Train.Features.narrow(0, split.Train.Count - heldOut, heldOut);
        using var model = new ImagesAsGenerator(images);
        foreach (var spec in specs)
        {
            var clock = Stopwatch.StartNew();
            var entry = Evaluator.Run(model, EstimatorCatalog.Create(spec), split.Test!, "test", train, seed: 1);
            foreach (var value in entry.Values)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{value.Metric}\t{value.Value:G6}\t{value.Kind}\t{(value.StandardError is { } se ? "± " + se.ToString("G3", CultureInfo.InvariantCulture) : "")}\t{entry.Spec}\t{clock.Elapsed.TotalSeconds:F1} s"));
        }
        return 0;
    }
}
