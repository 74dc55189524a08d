using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Adversarial;
using LatentSharp.Options;
using LatentSharp.Tests.Evaluation;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Training;

public class TrainingConditionsTests
{
    static TrainerOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 32, Seed = 5 };

    [Fact]
    public void A_nan_is_named_diverged_and_failure_json_records_it_beside_the_kept_epochs()
    {
        using var data = TestData.LowRankImages(64);   // 2 batches per epoch
        using var dir = TestData.TempDir();
        using var model = new ScriptedModel(step => step == 4 ? double.NaN : 1.0);
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(5), dir.Path).Fit(model, data));
        Assert.Equal(TrainingCondition.Diverged, e.Condition);
        Assert.Contains("condition 'diverged'", e.Message);
        Assert.Equal(RunFailure.PathIn(dir.Path), e.RecordedIn);
        var failure = RunFailure.Read(dir.Path)!;
        Assert.Equal(TrainingCondition.Diverged, failure.Condition);
        Assert.Equal((3, 5L, 2), (failure.Epoch, failure.Step, failure.EpochsKept));
        Assert.Equal(2, MetricsFile.Read(Path.Combine(dir.Path, Trainer.MetricsFileName)).Count);
        Assert.Contains(RunManifest.Files(dir.Path), f => Path.GetFileName(f) == RunFailure.FileName);

        // Training the folder again (here: resuming from the kept checkpoint) clears the record.
        using var healthy = new ScriptedModel(_ => 1.0);
        new Trainer(Options(3), dir.Path).Fit(healthy, data, resume: true);
        Assert.Null(RunFailure.Read(dir.Path));
    }

    [Fact]
    public void Without_a_run_folder_divergence_is_still_named_and_nothing_is_written()
    {
        using var data = TestData.LowRankImages(64);
        using var model = new ScriptedModel(step => step == 1 ? double.PositiveInfinity : 1.0);
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(2)).Fit(model, data));
        Assert.Null(e.RecordedIn);
        Assert.Contains("condition 'diverged'", e.Message);
    }

    [Fact]
    public void A_discriminator_at_near_zero_loss_is_warned_about_in_metrics_and_progress()
    {
        using var data = TestData.LowRankImages(64);
        using var dir = TestData.TempDir();
        using var model = new WinningDiscriminator(epoch => epoch == 0 ? 1.2 : 0.004);
        var reports = new List<TrainingProgress>();
        var result = new Trainer(Options(2), dir.Path, new SynchronousProgress(reports.Add)).Fit(model, data);

        Assert.Empty(result.Records[0].Warnings);
        var warning = Assert.Single(result.Records[1].Warnings);
        Assert.Equal(DiscriminatorHealth.Condition, warning.Name);
        Assert.Contains("0.004", warning.Message);
        var lines = MetricsFile.Read(Path.Combine(dir.Path, Trainer.MetricsFileName));
        Assert.Equal(warning, Assert.Single(lines[1].Warnings));
        Assert.Contains("\"warnings\"", File.ReadAllLines(Path.Combine(dir.Path, Trainer.MetricsFileName))[1]);
        Assert.Equal(DiscriminatorHealth.Condition, Assert.Single(reports.Last(r => r.EpochMetrics is not null).Warnings!).Name);
    }

    [Fact]
    public void The_gan_reads_its_own_discriminator_loss()
    {
        using var gan = (GenerativeAdversarialNetwork)ModelCatalog.Create("gan", null, [1, 4, 4], CPU, 1);
        EpochRecord Record(double dLoss) => new(new Dictionary<string, double> { ["train.d_loss"] = dLoss, ["train.d_real"] = 0.99, ["train.d_fake"] = 0.01 }, null, new Dictionary<string, MetricKind>());
        Assert.Equal(DiscriminatorHealth.Condition, Assert.Single(gan.InspectEpoch(Record(0.02))).Name);
        Assert.Empty(gan.InspectEpoch(Record(1.3)));
        Assert.Empty(gan.InspectEpoch(new EpochRecord(new Dictionary<string, double>(), null, new Dictionary<string, MetricKind>())));
    }

    [Fact]
    public void A_generator_of_one_image_is_warned_about_as_mode_collapse_at_each_epoch_end()
    {
        using var split = ReplayGenerator.Embedded();
        var train = split.Train.Take(64);
        using var collapsed = new ReplayGenerator(train.Features.narrow(0, 0, 1));
        var result = new Trainer(Options(1)).Fit(collapsed, train);
        Assert.Equal(ModeCollapseCheck.Condition, Assert.Single(result.Records[0].Warnings).Name);

        using var real = new ReplayGenerator(split.Test!.Features);
        Assert.Empty(new Trainer(Options(1)).Fit(real, train).Records[0].Warnings);
        Assert.Empty(new Trainer(Options(1), checks: []).Fit(collapsed, train).Records[0].Warnings);   // checks can be turned off
    }

    [Fact]
    public void Warnings_round_trip_through_a_metrics_line()
    {
        var record = new EpochRecord(new Dictionary<string, double> { ["epoch"] = 1 }, null, new Dictionary<string, MetricKind>())
        {
            Warnings = [new TrainingCondition("mode-collapse", "one \"class\""), new TrainingCondition("discriminator-stuck", "d")],
        };
        var parsed = MetricsFile.Parse(MetricsFile.Format(record));
        Assert.Equal(record.Warnings, parsed.Warnings);
        Assert.Throws<FormatException>(() => MetricsFile.Parse("{\"epoch\":1,\"warnings\":[{\"condition\":1}]}"));
    }

    sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    /// <summary>Reports a discriminator loss set per epoch and inspects it as a GAN does.</summary>
    sealed class WinningDiscriminator(Func<int, double> lossOfEpoch) : IInspectsEpochs
    {
        public string Name => "winning-discriminator";
        public ModelOptions Options { get; } = new TrainerOptions();
        public long[] InputShape => [1, 8, 8];
        public Device Device => CPU;
        public IReadOnlyDictionary<string, Tensor> State { get; } = new Dictionary<string, Tensor>();
        public IReadOnlyDictionary<string, Tensor> TrainingState { get; } = new Dictionary<string, Tensor>();
        public IReadOnlyDictionary<string, double> TrainStep(Batch batch, TrainingContext context) =>
            new Dictionary<string, double> { ["loss"] = lossOfEpoch(context.Epoch), ["d_loss"] = lossOfEpoch(context.Epoch) };
        public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context) => new Dictionary<string, double> { ["loss"] = 1 };
        public IReadOnlyList<TrainingCondition> InspectEpoch(EpochRecord record) => DiscriminatorHealth.Inspect(record, "d_loss");
        public void Dispose() { }
    }
}
