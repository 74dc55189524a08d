using LatentSharp.Corruption;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Options;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class ImageQualityTests
{
    [Fact]
    public void Known_mse_gives_known_psnr_per_image()
    {
        using var scope = NewDisposeScope();
        var clean = zeros(3, 1, 4, 4);
        var noisy = clean.clone();
        noisy[0] = 0.1;                 // MSE 0.01 → 20 dB
        noisy[1, 0, 0] = 0.2;           // 4 of 16 pixels off by 0.2: MSE 0.01 → 20 dB
        noisy[2] = 0.01;                // MSE 1e-4 → 40 dB
        var psnr = ImageQuality.Psnr(noisy, clean);
        Assert.Equal(new long[] { 3 }, psnr.shape);
        Assert.Equal(20, psnr[0].item<double>(), 4);
        Assert.Equal(20, psnr[1].item<double>(), 4);
        Assert.Equal(40, psnr[2].item<double>(), 4);
        // The mean is over images, not the PSNR of the pooled MSE (which would be 10·log10(1/0.006700) ≈ 21.7 dB).
        Assert.Equal(80.0 / 3, ImageQuality.MeanPsnr(noisy, clean), 4);
    }

    [Fact]
    public void Identical_images_are_capped_at_the_maximum_and_values_are_clipped_to_the_unit_range()
    {
        using var scope = NewDisposeScope();
        var clean = rand(2, 784, generator: new Generator(1));
        Assert.Equal(ImageQuality.MaximumPsnr, ImageQuality.MeanPsnr(clean, clean), 6);
        var binary = (clean > 0.5).to(ScalarType.Float32);
        var overshoot = binary * 3 - 1;   // 0 → -1, 1 → 2: identical to binary after clipping
        Assert.Equal(ImageQuality.MaximumPsnr, ImageQuality.MeanPsnr(overshoot, binary), 6);
        Assert.True(double.IsFinite(ImageQuality.MeanPsnr(ones(2, 784), zeros(2, 784))));
        Assert.Equal(0, ImageQuality.MeanPsnr(ones(2, 784), zeros(2, 784)), 6);   // MSE 1 at peak 1
    }

    [Fact]
    public void Shapes_of_any_layout_work_and_mismatches_are_refused()
    {
        using var scope = NewDisposeScope();
        var a = rand(4, 1, 28, 28, generator: new Generator(2));
        var b = rand(4, 1, 28, 28, generator: new Generator(3));
        Assert.Equal(ImageQuality.MeanPsnr(a, b), ImageQuality.MeanPsnr(a.reshape(4, 784), b), 6);
        Assert.Throws<ArgumentException>(() => ImageQuality.Psnr(a, b[..3]));
        Assert.Throws<ArgumentException>(() => ImageQuality.Psnr(a, rand(4, 1, 27, 27)));
    }

    sealed class Identity : IReconstructor
    {
        public string Name => "identity";
        public ModelOptions Options { get; } = new LatentSharp.Training.TrainerOptions();
        public long[] InputShape => [1, 8, 8];
        public Device Device => CPU;
        public IReadOnlyDictionary<string, Tensor> State { get; } = new Dictionary<string, Tensor>();
        public Tensor Reconstruct(Tensor input) => input.clamp(0, 1);
        public void Dispose() { }
    }

    [Fact]
    public void Denoising_evaluation_scores_noisy_and_reconstructed_images_against_the_clean_ones()
    {
        using var scope = NewDisposeScope();
        using var data = TestData.LowRankImages(250);
        var noise = new GaussianNoise(0.2);
        // An identity "model" cleans nothing: its output scores exactly as the noisy input (both are clipped).
        var score = DenoisingEvaluation.Evaluate(new Identity(), data.Features, noise, new Generator(4), batchSize: 64);
        Assert.Equal(250, score.Count);
        Assert.Equal(score.NoisyPsnr, score.DenoisedPsnr, 6);
        // The noisy PSNR is the PSNR of the same seeded noise computed directly (batches draw in order).
        var generator = new Generator(4);
        var direct = cat(Enumerable.Range(0, 4).Select(i => ImageQuality.Psnr(
            noise.Apply(data.Features.narrow(0, i * 64, Math.Min(64, 250 - i * 64)), generator),
            data.Features.narrow(0, i * 64, Math.Min(64, 250 - i * 64)))).ToList(), 0);
        Assert.Equal(direct.mean().item<double>(), score.NoisyPsnr, 6);
        // σ = 0.2 on images in (0, 1): PSNR ≈ 10·log10(1/0.04) = 14 dB, a little more after clipping.
        Assert.InRange(score.NoisyPsnr, 13.5, 16);
    }
}
