using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training.Checkpoints;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// <c>stored-sample-quality --samples FILE.safetensors [--estimators "frechet;classes;mmd"] [--png grid.png]</c>:
/// scores samples written to a file — by <c>latent sample --out x.safetensors</c> or by a PyTorch twin
/// (bench/peers/pytorch_dcgan.py --samples) — with the estimators <c>latent evaluate</c> runs, against the
/// Fashion-MNIST test split, seed 1, so a model of ours and a peer's are scored the same way. The file holds
/// one tensor <c>samples</c> <c>[N, 1, 28, 28]</c> (or <c>[N, 784]</c>), float32 in [0, 1]. Also applies the
/// training run's mode-collapse rule (<see cref="ModeCollapseCheck"/>'s defaults: 1,000 samples against
/// 1,000 training images) and can draw the first 64 samples as a grid. One line per figure.
/// </summary>
static class StoredSampleQuality
{
    public static int Run(string[] args)
    {
        string path = BenchArguments.Text(args, "--samples", "");
        if (path.Length == 0 || !File.Exists(path))
        {
            Console.Error.WriteLine("stored-sample-quality: --samples FILE.safetensors (an existing file) is required");
            return 2;
        }
        var specs = BenchArguments.Text(args, "--estimators", "frechet;classes;mmd").Split(';', StringSplitOptions.RemoveEmptyEntries);
        using var images = Read(path);
        using var split = DataSources.Resolve(DataSources.FashionMnist);
        using var model = new ImagesAsGenerator(images);
        string png = BenchArguments.Text(args, "--png", "");
        if (png.Length > 0) ImageGrid.Save(png, images.narrow(0, 0, Math.Min(64, images.shape[0])));
        var f = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(f, $"samples\t{path}\t{images.shape[0]}\tmin {images.min().item<float>():G4}\tmax {images.max().item<float>():G4}\tmean {images.mean().item<float>():G4}"));
        foreach (var spec in specs)
        {
            var entry = Evaluator.Run(model, EstimatorCatalog.Create(spec), split.Test!, "test", split.Train, seed: 1);
            foreach (var value in entry.Values)
                Console.WriteLine(string.Create(f, $"{value.Metric}\t{value.Value:G6}\t{value.Kind}\t{(value.StandardError is { } se ? "± " + se.ToString("G3", f) : "")}\t{entry.Spec}"));
        }
        Console.WriteLine(ModeCollapse(images, split.Train));
        return 0;
    }

    // The rule of ModeCollapseCheck with its defaults, on the file's first 1,000 samples.
    static string ModeCollapse(Tensor images, IBatchSource train)
    {
        const int count = 1000;
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var reference = ClassCoverage.Of(FashionMnistClassifier.Predict(EstimatorSamples.RandomPart(train, count, generator)), FashionMnistClassifier.Classes, 0.01);
        var coverage = ClassCoverage.Of(FashionMnistClassifier.Predict(images.narrow(0, 0, Math.Min(count, images.shape[0]))), FashionMnistClassifier.Classes, 0.01);
        bool fired = coverage.Covered < (int)Math.Ceiling(0.5 * reference.Covered);
        return string.Create(CultureInfo.InvariantCulture,
            $"mode-collapse\t{(fired ? "fired" : "not fired")}\tcovered {coverage.Covered} of the training images' {reference.Covered} classes; largest class {coverage.LargestShare:P1}; entropy {coverage.Entropy:F3} (training {reference.Entropy:F3}) nats");
    }

    static Tensor Read(string path)
    {
        var (tensors, _) = SafeTensorsFile.Read(path);
        if (!tensors.TryGetValue("samples", out var samples))
            throw new InvalidDataException($"{path} holds no tensor 'samples' (it holds {string.Join(", ", tensors.Keys)}).");
        foreach (var (name, t) in tensors) if (name != "samples") t.Dispose();
        if (samples.shape[0] < 1 || samples.numel() != samples.shape[0] * 28 * 28)
            throw new InvalidDataException($"{path}: 'samples' is [{string.Join(", ", samples.shape)}], not N 28×28 images.");
        using (samples) return samples.to(ScalarType.Float32).reshape(samples.shape[0], 1, 28, 28).contiguous();
    }
}
