using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Adversarial;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Adversarial;

public class GenerativeAdversarialNetworkTests
{
    [Fact]
    public void The_generated_mean_moves_to_a_planted_one_dimensional_target()
    {
        var options = new GanOptions
        {
            NoiseSize = 2, GeneratorHiddenSizes = [16], DiscriminatorHiddenSizes = [16], Output = ActivationKind.Linear,
            LearningRate = Schedule.Constant(1e-2), Beta1 = 0.5,
        };
        using var model = (GenerativeAdversarialNetwork)ModelCatalog.Create("gan", options, [1], CPU, 1);
        using var data = new Dataset("target", randn([512, 1], generator: new Generator(2)) * 0.3 + 3);
        double before = model.Sample(1000, new Generator(5)).mean().item<float>();
        new Trainer(new TrainerOptions { Epochs = 25, BatchSize = 64, Seed = 3 }).Fit(model, data);
        double after = model.Sample(1000, new Generator(5)).mean().item<float>();
        Assert.True(Math.Abs(before - 3) > 1.5, $"the untrained generator's mean {before} is already near the target");
        Assert.InRange(after, 2.6, 3.4);
    }

    [Fact]
    public void Discriminator_and_generator_steps_alternate_one_to_one_and_move_only_their_own_weights()
    {
        using var model = (GenerativeAdversarialNetwork)ModelCatalog.Create("gan",
            new GanOptions { NoiseSize = 2, GeneratorHiddenSizes = [8], DiscriminatorHiddenSizes = [8] }, [4], CPU, 1);
        var context = new TrainingContext(new Generator(3), 8, 4, 1);
        var batch = new Batch(rand([8, 4], generator: new Generator(4)), null);
        for (long step = 0; step < 4; step++)
        {
            context.Step = step;
            var before = model.State.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
            var figures = ((ITrainable)model).TrainStep(batch, context);
            bool generatorStep = step % 2 == 1;
            Assert.Equal(generatorStep, figures.ContainsKey(GenerativeAdversarialNetwork.GeneratorLoss));
            Assert.Equal(!generatorStep, figures.ContainsKey(GenerativeAdversarialNetwork.DiscriminatorReal));
            foreach (var (name, value) in model.State)
                Assert.Equal(name.StartsWith("generator.") == generatorStep, value.ne(before[name]).any().item<bool>());
        }
    }

    // Channels of 16 and more: without the library's oneDNN limit libtorch 2.10's native kernels are wrong on
    // AVX-512 machines for few-channel layers (pinned by NativeConvolutionTests); this test is about the switch.
    [Fact]
    public void The_convolution_route_changes_neither_state_names_nor_what_is_computed()
    {
        GanOptions Options(bool byColumns) => new()
        {
            Architecture = AdversarialArchitecture.Convolutional, Channels = [16, 32], NoiseSize = 3, ColumnConvolutions = byColumns,
        };
        using var columns = (GenerativeAdversarialNetwork)ModelCatalog.Create("dcgan", Options(true), [1, 16, 16], CPU, 1);
        using var native = (GenerativeAdversarialNetwork)ModelCatalog.Create("dcgan", Options(false), [1, 16, 16], CPU, 1);
        Assert.Equal(columns.State.Keys, native.State.Keys);   // a run saved with one route loads with the other
        foreach (var (name, value) in columns.State) Assert.True(value.equal(native.State[name]).all().item<bool>(), $"{name} differs at construction");
        var (sa, sb) = (columns.Sample(16, new Generator(2)), native.Sample(16, new Generator(2)));
        Assert.True(sa.allclose(sb, rtol: 1e-4, atol: 1e-5), $"samples differ by up to {(sa - sb).abs().max().item<float>()}; {sa.abs().max().item<float>()}");
        var batch = new Batch(rand([16, 256], generator: new Generator(4)), null);
        for (long step = 0; step < 4; step++)   // D, G, D, G: the figures of both routes agree step by step
        {
            var a = ((ITrainable)columns).TrainStep(batch, new TrainingContext(new Generator(10 + (ulong)step), 16, 1, 1) { Step = step });
            var b = ((ITrainable)native).TrainStep(batch, new TrainingContext(new Generator(10 + (ulong)step), 16, 1, 1) { Step = step });
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            foreach (var (key, value) in a) Assert.True(Math.Abs(value - b[key]) < 1e-4 * (1 + Math.Abs(value)), $"step {step}: {key} {value} vs {b[key]}");
        }
    }
}
