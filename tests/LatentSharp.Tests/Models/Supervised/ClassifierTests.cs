using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Supervised;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Supervised;

public class ClassifierTests
{
    /// <summary>Gaussian blobs (three by default) in 10 dimensions, well apart: a separable problem.</summary>
    internal static Dataset Blobs(long n, long seed, int dims = 10, int classes = 3)
    {
        using var scope = NewDisposeScope();
        using var centres = new Generator(123);
        var means = randn(classes, dims, generator: centres) * 3;
        using var generator = new Generator((ulong)seed);
        var labels = randint(classes, [n], generator: generator).to(ScalarType.Int64);
        var features = means.index_select(0, labels) + randn(n, dims, generator: generator);
        return new Dataset("blobs", features.to(ScalarType.Float32).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    [Fact]
    public void Training_the_head_raises_accuracy_on_separable_data()
    {
        // Five classes: a random network can map separated blobs to a correct permutation of labels by luck (1 in 5!).
        using var train = Blobs(300, seed: 1, classes: 5);
        using var test = Blobs(200, seed: 2, classes: 5);
        using var model = (Classifier)ModelCatalog.Create("classifier", new ClassifierOptions { HiddenSizes = [16], Classes = 5, LearningRate = 1e-2 }, [10], CPU, 1);
        using var generator = new Generator(0);
        double before = model.Evaluate(test, new TrainingContext(generator, 64))["accuracy"];
        var result = new Trainer(new TrainerOptions { Epochs = 10, BatchSize = 32 }).Fit(model, train, test, "test");
        Assert.True(before < 0.7, $"untrained accuracy {before}");
        Assert.True(result.Final["test.accuracy"] > 0.95, $"trained accuracy {result.Final["test.accuracy"]}");
        Assert.True(result.Final["test.loss"] < result.History[0]["test.loss"]);
        using var predicted = model.Predict(test.Features);
        Assert.Equal(result.Final["test.accuracy"], LatentSharp.Evaluation.Classification.Accuracy(predicted, test.Labels!), 5);
    }

    [Fact]
    public void Starts_from_a_pretrained_encoder_with_its_exact_weights()
    {
        using var autoencoder = (Autoencoder)ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [12], CodeSize = 4, CodeActivation = ActivationKind.Tanh }, [1, 4, 4], CPU, 3);
        var options = ClassifierOptions.ForEncoder(autoencoder.EncoderLayers, classes: 5);
        Assert.Equal(new[] { 12, 4 }, options.HiddenSizes);
        Assert.Equal(ActivationKind.Tanh, options.CodeActivation);
        using var classifier = (Classifier)ModelCatalog.Create("classifier", options, [1, 4, 4], CPU, 9);
        using var x = rand(6, 1, 4, 4, generator: new Generator(4));
        using (var before = classifier.Encode(x))
        using (var codes = autoencoder.Encode(x))
            Assert.False(before.allclose(codes));
        classifier.CopyEncoderFrom(autoencoder.EncoderLayers);
        using (var after = classifier.Encode(x))
        using (var codes = autoencoder.Encode(x))
            Assert.True(TestData.Same(after, codes));

        using var other = (Classifier)ModelCatalog.Create("classifier", new ClassifierOptions { HiddenSizes = [8, 4], Classes = 5 }, [1, 4, 4], CPU, 9);
        var e = Assert.Throws<ArgumentException>(() => other.CopyEncoderFrom(autoencoder.EncoderLayers));
        Assert.Contains("layer 1", e.Message);
    }

    [Fact]
    public void Refuses_unlabelled_data_and_labels_beyond_its_classes()
    {
        using var model = (Classifier)ModelCatalog.Create("classifier", new ClassifierOptions { HiddenSizes = [], Classes = 2 }, [10], CPU, 1);
        using var unlabelled = new Dataset("x", randn(8, 10));
        var trainer = new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 4 });
        Assert.Contains("needs labelled data", Assert.Throws<ArgumentException>(() => trainer.Fit(model, unlabelled)).Message);
        using var blobs = Blobs(20, 1);
        Assert.Contains("2 classes", Assert.Throws<ArgumentException>(() => trainer.Fit(model, blobs)).Message);
    }
}
