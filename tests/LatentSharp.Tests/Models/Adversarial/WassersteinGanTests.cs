using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Adversarial;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Adversarial;

public class WassersteinGanTests
{
    static readonly WganOptions Small = new() { NoiseSize = 2, GeneratorHiddenSizes = [8], DiscriminatorHiddenSizes = [8], Output = LatentSharp.Layers.ActivationKind.Linear, LearningRate = 1e-3 };

    [Fact]
    public void The_critic_steps_five_times_per_generator_step_each_moving_only_its_own_weights_and_clipping_holds()
    {
        using var model = (WassersteinGan)ModelCatalog.Create("wgan", Small with { Optimizer = LatentSharp.Options.OptimizerKind.RmsProp }, [2], CPU, 1);
        var context = new TrainingContext(new Generator(3), 16, 12, 1);
        var batch = new Batch(randn([16, 2], generator: new Generator(4)) + 3, null);
        for (long step = 0; step < 12; step++)
        {
            context.Step = step;
            var before = model.State.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
            var figures = ((ITrainable)model).TrainStep(batch, context);
            bool generatorStep = step % 6 == 5;
            Assert.Equal(generatorStep, model.IsGeneratorStep(step));
            Assert.Equal(generatorStep, figures.ContainsKey(WassersteinGan.GeneratorLoss));
            Assert.Equal(!generatorStep, figures.ContainsKey(WassersteinGan.CriticLoss) && figures.ContainsKey(WassersteinGan.W1));
            Assert.True(figures.ContainsKey(MetricKeys.Loss));
            foreach (var (name, value) in model.State)
            {
                if (!value.is_floating_point()) continue;
                bool moved = value.ne(before[name]).any().item<bool>();
                if (name.StartsWith("generator.")) Assert.Equal(generatorStep, moved);
                else Assert.False(generatorStep && moved, $"{name} moved on a generator step");
                if (name.StartsWith("critic.")) Assert.True(value.abs().max().item<float>() <= (float)Small.Clip, $"{name} exceeds the clip after step {step}");
            }
        }
    }
}
