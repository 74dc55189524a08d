using System.Text.Json;
using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Bench;

/// <summary>
/// The supervised adversarial autoencoder's style/class separation on Fashion-MNIST (bench/results/aae.md):
///   aae-styles --run DIR [--out styles.png] [--data fashion-mnist] [--images 2000] [--seed 1]
/// For a <c>supervised-aae</c> run: <see cref="ClassControl"/> over the first N test images, each decoded
/// as every class and named by the embedded classifier (whose accuracy on the same real images is the
/// reference), and the picture: the first test image of each class (a row) beside its code decoded as
/// every class. For any encoder run: how much of the class its codes still carry, by a linear probe
/// (trained on the training codes) and 5-NN, on the test codes.
/// </summary>
static class AaeStyles
{
    public static int Run(string[] args)
    {
        string run = BenchArguments.Text(args, "--run", "");
        string output = BenchArguments.Text(args, "--out", "");
        string data = BenchArguments.Text(args, "--data", DataSources.FashionMnist);
        int images = BenchArguments.Integer(args, "--images", 2000);
        int seed = BenchArguments.Integer(args, "--seed", 1);
        using var model = ModelFile.Load(Path.Combine(run, "model.safetensors"));
        if (model is not IEncoder encoder) { Console.Error.WriteLine($"{run}: {model.Name} has no encoder"); return 2; }
        using var split = DataSources.Resolve(data);
        var test = split.Test ?? throw new InvalidOperationException($"{data} has no test split");
        var train = split.Train;
        using var scope = NewDisposeScope();
        var result = new Dictionary<string, object> { ["run"] = run, ["model"] = model.Name, ["code_size"] = encoder.CodeSize };

        // The class in the code: probe and k-NN trained on the training codes, scored on the test codes.
        var trainCodes = encoder.Encode(train.Features);
        var testCodes = encoder.Encode(test.Features);
        using (var probe = LinearProbe.Fit(trainCodes, train.Labels!, 10, new LinearProbeOptions { Seed = seed }))
            result["probe_accuracy"] = probe.Accuracy(testCodes, test.Labels!);
        using (var knn = new NearestNeighborsClassifier(trainCodes, train.Labels!, 10, k: 5))
            result["knn5_accuracy"] = knn.Accuracy(testCodes, test.Labels!);
        result["test_code_mean"] = testCodes.mean([0]).data<float>().ToArray();
        result["test_code_std"] = testCodes.std([0]).data<float>().ToArray();

        if (model is SupervisedAdversarialAutoencoder supervised)
        {
            long n = Math.Min(images, test.Count);
            var x = test.Features.narrow(0, 0, n);
            var labels = test.Labels!.narrow(0, 0, n);
            result["classifier_accuracy_on_real"] = FashionMnistClassifier.Predict(x).eq(labels).to(ScalarType.Float64).mean().item<double>();
            var control = ClassControl.Measure(supervised, x, labels, FashionMnistClassifier.Predict);
            result["images"] = control.Images;
            result["class_control"] = control.Accuracy;
            result["class_control_off_label"] = control.OffLabelAccuracy;
            result["class_control_per_class"] = control.PerClass;
            // Does the decoder read the label? Test reconstruction error with each image's own label, and with
            // the labels of a fixed random permutation of the same images (another image's class, mostly another class).
            var testLabels = test.Labels!;
            var shuffled = testLabels[randperm(testLabels.shape[0], generator: new TorchSharp.torch.Generator((ulong)seed))];
            result["recon_true_label"] = SquaredError(supervised.Reconstruct(test.Features, testLabels), test.Features);
            result["recon_shuffled_label"] = SquaredError(supervised.Reconstruct(test.Features, shuffled), test.Features);
            result["shuffled_label_differs"] = shuffled.ne(testLabels).to(ScalarType.Float64).mean().item<double>();
            if (output.Length > 0) DrawStyles(supervised, test, output);
        }
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>‖x − y‖² summed over a sample's values, averaged over the samples.</summary>
    static double SquaredError(Tensor reconstruction, Tensor x) =>
        (reconstruction.cpu() - x.cpu()).square().reshape(x.shape[0], -1).sum(1).mean().item<float>();

    /// <summary>Row k: the first test image of class k, then its code decoded as class 0 … 9.</summary>
    static void DrawStyles(SupervisedAdversarialAutoencoder model, Dataset test, string path)
    {
        int classes = model.Options.Classes;
        var labels = test.Labels!.data<long>().ToArray();
        var rows = new List<(string, Tensor)>();
        for (int k = 0; k < classes; k++)
        {
            long index = Array.IndexOf(labels, (long)k);
            var image = test.Features.narrow(0, index, 1);
            var code = model.Encode(image);
            var decoded = model.Decode(code.repeat(classes, 1), arange(classes, dtype: ScalarType.Int64)).cpu();
            var name = test.ClassNames is { } names ? names[k] : k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            rows.Add((name, cat([image.cpu(), decoded], 0)));
        }
        ImageGrid.SaveRows(path, rows, new ImageGridOptions
        {
            Columns = classes + 1, ImageShape = [1, 28, 28],
            Title = $"{model.Name}, {model.CodeSize}-D code: test image (left), its code decoded as each class 0-9",
        });
    }
}
