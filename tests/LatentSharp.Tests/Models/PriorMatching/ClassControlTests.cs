using LatentSharp.Evaluation;
using LatentSharp.Models.PriorMatching;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.PriorMatching;

public class ClassControlTests
{
    const int Classes = 4;

    // Planted "images": the one-hot of the image's class; the classifier reads the brightest value.
    static readonly long[] OwnClasses = [0, 1, 1, 2, 3, 3, 3, 0, 2, 1];
    static Tensor Labels => tensor(OwnClasses);
    static Tensor Images => nn.functional.one_hot(Labels, Classes).to(ScalarType.Float32);
    static Tensor Classify(Tensor images) => images.argmax(1);

    [Fact]
    public void A_decoder_that_draws_the_requested_class_has_full_control()
    {
        var control = ClassControl.Measure(x => x, (codes, c) => nn.functional.one_hot(c, Classes).to(ScalarType.Float32), Classes, Images, Labels, Classify);
        Assert.Equal(OwnClasses.Length, control.Images);
        Assert.Equal(1.0, control.Accuracy);
        Assert.Equal(1.0, control.OffLabelAccuracy);
        Assert.All(control.PerClass, share => Assert.Equal(1.0, share));
    }

    [Fact]
    public void A_decoder_whose_code_keeps_the_class_is_right_only_on_its_own_label()
    {
        // The code (here the image itself) decides the output; the requested class is ignored.
        var control = ClassControl.Measure(x => x, (codes, c) => codes, Classes, Images, Labels, Classify);
        Assert.Equal(1.0 / Classes, control.Accuracy, 12);
        Assert.Equal(0.0, control.OffLabelAccuracy);
        // Decodes as c are right for exactly the images of class c: 2, 3, 2, 3 of 10.
        Assert.Equal([0.2, 0.3, 0.2, 0.3], control.PerClass.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Partial_control_is_counted_per_requested_class_and_off_label()
    {
        // Classes 0 and 1 obey the label; asked for 2 or 3, the decoder draws the image's own class.
        Tensor Decode(Tensor codes, Tensor c) =>
            where(c.lt(2).unsqueeze(1), nn.functional.one_hot(c, Classes).to(ScalarType.Float32), codes);
        var control = ClassControl.Measure(x => x, Decode, Classes, Images, Labels, Classify);
        Assert.Equal([1.0, 1.0, 0.2, 0.3], control.PerClass.Select(v => Math.Round(v, 12)));
        Assert.Equal((10 + 10 + 2 + 3) / 40.0, control.Accuracy, 12);
        // Off-label pairs: 30; right ones: every off-label ask for class 0 or 1 (10 − 2 and 10 − 3 images).
        Assert.Equal((8 + 7) / 30.0, control.OffLabelAccuracy, 12);
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClassControl.Measure(x => x, (z, c) => z, Classes, Images, Labels.narrow(0, 0, 3), Classify));
        Assert.Throws<ArgumentException>(() => ClassControl.Measure(x => x, (z, c) => z, Classes, Images, Labels + 1, Classify));
    }

    [Fact]
    public void A_trained_supervised_aae_draws_the_requested_class_from_another_class_s_code()
    {
        // Two planted classes far apart: a classifier fitted on the data (independent of the model) names
        // each decoded sample. A code that kept its class would decode to its own class off-label.
        using var data = PriorMatchingTestKit.Planted(256, classes: 2, seed: 3, classShift: 3);
        using var test = PriorMatchingTestKit.Planted(200, classes: 2, seed: 6, classShift: 3);
        var options = PriorMatchingTestKit.Small(new AdversarialAutoencoderOptions { Classes = 2 });
        using var supervised = PriorMatchingTestKit.Create<SupervisedAdversarialAutoencoder>("supervised-aae", options);
        PriorMatchingTestKit.Train(supervised, data, epochs: 30);
        using var probe = LinearProbe.Fit(data.Features, data.Labels!, 2);
        Assert.True(probe.Accuracy(test.Features, test.Labels!) > 0.99, "the planted classes should be linearly separable");

        var control = ClassControl.Measure(supervised, test.Features, test.Labels!, probe.Predict);
        Assert.True(control.OffLabelAccuracy > 0.9, $"off-label class control {control.OffLabelAccuracy:P1}, per class {string.Join(", ", control.PerClass)}");

        // The decoder reads each sample's own label: with every label swapped to the other class the
        // reconstruction error must rise clearly (it would not if labels were ignored or misaligned).
        double own = SquaredError(supervised.Reconstruct(test.Features, test.Labels!), test.Features);
        double swapped = SquaredError(supervised.Reconstruct(test.Features, 1 - test.Labels!), test.Features);
        Assert.True(swapped > 2 * own, $"reconstruction error {own:G4} with the true labels, {swapped:G4} with swapped ones");
    }

    static double SquaredError(Tensor reconstruction, Tensor x) =>
        (reconstruction - x).square().reshape(x.shape[0], -1).sum(1).mean().item<float>();
}
