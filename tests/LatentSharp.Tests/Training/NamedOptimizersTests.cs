using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class NamedOptimizersTests
{
    sealed record TwoPartOptions : GradientModelOptions;

    /// <summary>Two linear maps with an optimiser each; "second" steps on every other batch, as a critic/generator alternation would.</summary>
    sealed class TwoPartModel : GradientModel<TwoPartOptions>
    {
        readonly Sequential _network;
        readonly Linear _first, _second;
        readonly (string, Tensor)[] _extra;

        public TwoPartModel(params (string, Tensor)[] extraState) : base("two-part", new TwoPartOptions(), [4], CPU)
        {
            _first = nn.Linear(4, 4);
            _second = nn.Linear(4, 4);
            _network = nn.Sequential(("first", _first), ("second", _second));
            _extra = extraState;
            Initialize(_network);
            DeclareOptimizer("first", new OptimizerSpec { LearningRate = Schedule.Parse("linear:0.1->0.01") }, _first.named_parameters());
            DeclareOptimizer("second", new OptimizerSpec { Kind = OptimizerKind.RmsProp, LearningRate = 0.05 }, _second.named_parameters());
        }

        public NamedOptimizers All => Optimizers;

        protected override IEnumerable<(string Key, Tensor Value)> AdditionalTrainingState() => _extra;

        protected override LossOutput ComputeLoss(Batch batch, TrainingContext context) =>
            new(_network.call(batch.Features).pow(2).mean(), new Dictionary<string, Tensor>());

        protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
        {
            var name = context.Step % 2 == 0 ? "first" : "second";
            Optimizers[name].ZeroGrad();
            var output = ComputeLoss(batch, context);
            output.Loss.backward();
            Optimizers[name].Step();
            return output.ToMetrics();
        }
    }

    static Batch OneBatch() => new(randn(8, 4, generator: new Generator(3)), null);

    [Fact]
    public void Each_optimiser_steps_only_its_own_group_and_checkpoints_under_its_own_name()
    {
        using var model = new TwoPartModel();
        Assert.All(model.TrainingState.Keys, k => Assert.True(k.StartsWith("first.", StringComparison.Ordinal) || k.StartsWith("second.", StringComparison.Ordinal), k));
        Assert.Contains("first.step", model.TrainingState.Keys);
        Assert.Contains("second.weight.square_avg", model.TrainingState.Keys);
        var before = model.State.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var context = new TrainingContext(new Generator(1), 8, totalSteps: 10);
        model.TrainStep(OneBatch(), context);   // step 0: "first" only
        Assert.False(TestData.Same(before["first.weight"], model.State["first.weight"]));
        Assert.True(TestData.Same(before["second.weight"], model.State["second.weight"]));
        context.Step = 1;
        model.TrainStep(OneBatch(), context);
        Assert.False(TestData.Same(before["second.weight"], model.State["second.weight"]));
    }

    [Fact]
    public void An_optimiser_is_built_only_when_first_used()
    {
        using var model = new TwoPartModel();
        Assert.False(model.All.IsBuilt("first"));
        Assert.False(model.All.IsBuilt("second"));
        model.TrainStep(OneBatch(), new TrainingContext(new Generator(1), 8, totalSteps: 10));   // step 0 steps "first" only
        Assert.True(model.All.IsBuilt("first"));
        Assert.False(model.All.IsBuilt("second"));
        Assert.NotEmpty(model.TrainingState);   // a checkpoint needs every optimiser's state
        Assert.True(model.All.IsBuilt("second"));
    }

    [Fact]
    public void The_learning_rate_follows_the_schedule_at_the_context_step()
    {
        using var model = new TwoPartModel();
        var context = new TrainingContext(new Generator(1), 8, totalSteps: 10) { Step = 5 };
        model.TrainStep(OneBatch(), context);
        Assert.Equal(0.055, model.All["first"].LearningRate, 12);
        Assert.Equal(0.05, model.All["second"].LearningRate);
    }

    [Fact]
    public void An_optimiser_built_after_the_schedule_moved_starts_at_the_current_value()
    {
        using var parameter = new Parameter(zeros(2));
        using var optimizers = new NamedOptimizers();
        optimizers.Declare("main", new OptimizerSpec { LearningRate = Schedule.Parse("linear:1->0") }, [("w", parameter)]);
        optimizers.FollowSchedules(25, 100);
        Assert.Equal(0.75, optimizers["main"].LearningRate);
    }

    [Fact]
    public void Two_training_state_entries_with_one_key_are_refused()
    {
        using var extra = zeros(1);
        using var model = new TwoPartModel(("first.step", extra));
        var e = Assert.Throws<InvalidOperationException>(() => model.TrainingState);
        Assert.Contains("'first.step'", e.Message);
        Assert.Throws<InvalidOperationException>(() => TrainingStateEntries.Combine([("a", extra), ("a", extra)]));
    }

    [Fact]
    public void Names_are_unique_identifiers_and_an_unknown_name_lists_the_declared_ones()
    {
        using var parameter = new Parameter(zeros(2));
        using var optimizers = new NamedOptimizers();
        optimizers.Declare("generator", new OptimizerSpec(), [("w", parameter)]);
        Assert.Throws<ArgumentException>(() => optimizers.Declare("generator", new OptimizerSpec(), [("w", parameter)]));
        Assert.Throws<ArgumentException>(() => optimizers.Declare("a.b", new OptimizerSpec(), [("w", parameter)]));
        Assert.Throws<ArgumentException>(() => optimizers.Declare("empty", new OptimizerSpec(), []));
        var e = Assert.Throws<KeyNotFoundException>(() => optimizers["critic"]);
        Assert.Contains("declared: generator", e.Message);
    }

    [Fact]
    public void A_bad_spec_is_refused_when_declared_naming_the_field()
    {
        using var parameter = new Parameter(zeros(2));
        using var optimizers = new NamedOptimizers();
        var e = Assert.Throws<InvalidOptionException>(() => optimizers.Declare("main", new OptimizerSpec { Beta2 = 1 }, [("w", parameter)]));
        Assert.Equal("Beta2", e.Field);
        Assert.Equal("Momentum", Assert.Throws<InvalidOptionException>(() => new OptimizerSpec { Momentum = -0.1 }.Validate()).Field);
        Assert.Equal("LearningRate", Assert.Throws<InvalidOptionException>(() => new OptimizerSpec { LearningRate = 0.0 }.Validate()).Field);
        new OptimizerSpec { LearningRate = Schedule.Parse("linear:0->1e-3") }.Validate();   // a ramp up from 0 is fine
        Assert.Equal("LearningRate", Assert.Throws<InvalidOptionException>(() => new OptimizerSpec { LearningRate = Schedule.Parse("linear:1e-3->-1") }.Validate()).Field);
        Assert.Equal("Alpha", Assert.Throws<InvalidOptionException>(() => new OptimizerSpec { Alpha = 1.5 }.Validate()).Field);
    }

    [Fact]
    public void The_default_spec_builds_the_same_Adam_as_before_bit_for_bit()
    {
        using var a = nn.Linear(6, 5);
        using var b = nn.Linear(6, 5);
        using (no_grad())
            foreach (var ((_, x), (_, y)) in a.named_parameters().Zip(b.named_parameters())) y.copy_(x);
        using var fromSpec = OptimizerFactory.Create(new OptimizerSpec(), a.named_parameters());
        using var direct = new LatentSharp.Training.Optimizers.Adam(b.named_parameters(), 1e-3);
        using var input = randn(16, 6, generator: new Generator(2));
        for (int step = 0; step < 3; step++)
        {
            fromSpec.ZeroGrad();
            a.call(input).pow(2).sum().backward();
            fromSpec.Step();
            direct.ZeroGrad();
            b.call(input).pow(2).sum().backward();
            direct.Step();
        }
        Assert.True(TestData.Same(a.weight, b.weight));
        Assert.Equal(direct.State.Keys.Order(), fromSpec.State.Keys.Order());
    }

    [Fact]
    public void The_stacked_autoencoder_has_one_optimiser_per_layer_and_one_for_the_stack_and_the_autoencoder_one_main()
    {
        var options = new StackedAutoencoderOptions { LayerSizes = [6, 3], EpochsPerLayer = 1 };
        using var stacked = (StackedAutoencoder)ModelCatalog.Create("stacked-autoencoder", options, [8], CPU, 1);
        var prefixes = stacked.TrainingState.Keys.Select(k => k[..k.IndexOf('.')]).Distinct().Order().ToArray();
        Assert.Equal(["layer1", "layer2", "stack"], prefixes);
        Assert.All(stacked.TrainingState.Keys.Where(k => k.StartsWith("layer1.", StringComparison.Ordinal) && k != "layer1.step"),
            k => Assert.True(k.StartsWith("layer1.encoder.", StringComparison.Ordinal) || k.StartsWith("layer1.decoder.", StringComparison.Ordinal), k));
        using var autoencoder = ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [4], CodeSize = 2 }, [8], CPU, 1);
        Assert.All(((ITrainable)autoencoder).TrainingState.Keys, k => Assert.StartsWith("main.", k));
    }
}
