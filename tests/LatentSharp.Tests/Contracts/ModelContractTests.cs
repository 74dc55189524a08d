using SkiaSharp;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Tests.Training;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Contracts;

/// <summary>
/// The contract every entry of <see cref="ModelCatalog.All"/> keeps, run on tiny data: a model gets
/// these tests by being registered, with no edit here. Each test checks what the model's capabilities
/// promise (an encoder's codes, a generator's samples), never what its name suggests.
/// </summary>
public class ModelContractTests
{
    // Bookkeeping figures of a metrics line, which are not metrics and carry no kind.
    static readonly string[] Bookkeeping = ["epoch", "step", "seconds"];

    public static TheoryData<string> Models() => ContractSetup.Models();

    [Fact]
    public void The_suite_covers_every_catalogue_entry_including_the_test_only_models()
    {
        var names = ((IEnumerable<object[]>)Models()).Select(row => (string)row[0]).ToList();
        Assert.Equal(ModelCatalog.All.Select(d => d.Name), names);
        Assert.Contains(Tests.Models.TinyGan.ModelName, names);
        Assert.Contains(Tests.Models.TestGenerator.ModelName, names);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Two_epochs_train_to_finite_losses_and_every_metric_has_a_kind(string name)
    {
        using var train = ContractSetup.TrainingData();
        using var validation = ContractSetup.ValidationData();
        using var dir = TestData.TempDir();
        using var model = ContractSetup.Create(name);
        var result = new Trainer(ContractSetup.Trainer, dir.Path).Fit(model, train, validation);

        Assert.True(result.EpochsCompleted >= 1, $"{name} trained no epoch");
        var records = MetricsFile.Read(Path.Combine(dir.Path, Trainer.MetricsFileName));
        Assert.Equal(result.EpochsCompleted, records.Count);
        foreach (var record in records)
        {
            Assert.True(double.IsFinite(record["train.loss"]), $"{name}: train.loss {record["train.loss"]} in epoch {record["epoch"]}");
            Assert.True(double.IsFinite(record["validation.loss"]), $"{name}: validation.loss {record["validation.loss"]} in epoch {record["epoch"]}");
            foreach (var key in record.Values.Keys.Except(Bookkeeping))
                Assert.True(record.Kinds.ContainsKey(key), $"{name}: metric '{key}' of epoch {record["epoch"]} has no kind");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Saving_and_loading_gives_identical_state_and_outputs(string name)
    {
        using var train = ContractSetup.TrainingData();
        using var dir = TestData.TempDir();
        using var model = ContractSetup.Create(name);
        new Trainer(ContractSetup.Trainer).Fit(model, train);
        var path = dir.File("model.safetensors");
        ModelFile.Save(model, path);
        using var loaded = ModelFile.Load(path);

        Assert.Equal(model.Name, loaded.Name);
        Assert.Empty(OptionsComparison.Differences(model.Options, loaded.Options));
        Assert.Equal(model.State.Keys.Order(), loaded.State.Keys.Order());
        foreach (var (key, tensor) in model.State) Assert.True(TestData.Same(tensor, loaded.State[key]), $"{name}: state '{key}' differs after loading");

        using var input = train.Features.narrow(0, 0, 16);
        var expected = Outputs(model, input, sampleSeed: 3);
        var actual = Outputs(loaded, input, sampleSeed: 3);
        try
        {
            Assert.Equal(expected.Select(o => o.Capability), actual.Select(o => o.Capability));
            foreach (var ((capability, a), (_, b)) in expected.Zip(actual))
                Assert.True(TestData.Same(a, b), $"{name}: {capability} differs after loading");
        }
        finally { foreach (var (_, t) in expected.Concat(actual)) t.Dispose(); }

        if (model is IGenerator generator)
        {
            // Samples come from the generator passed in: another seed gives other samples.
            using var first = new Generator(3);
            using var other = new Generator(4);
            using var a = generator.Sample(16, first);
            using var b = generator.Sample(16, other);
            Assert.False(TestData.Same(a, b), $"{name}: Sample ignores the generator it is given");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Killed_in_mid_epoch_and_resumed_it_gives_the_bits_of_the_uninterrupted_run(string name)
    {
        using var train = ContractSetup.TrainingData();
        using var validation = ContractSetup.ValidationData();
        using var dirA = TestData.TempDir();
        using var dirB = TestData.TempDir();
        using var uninterrupted = ContractSetup.Create(name);
        new Trainer(ContractSetup.Trainer, dirA.Path).Fit(uninterrupted, train, validation);

        // A model that takes whole epochs (IEpochTrainable, k-means' Lloyd) stops only between them: after the first.
        bool wholeEpochs = uninterrupted is IEpochTrainable { TrainsWholeEpochs: true };
        long stopStep = wholeEpochs ? ContractSetup.StepsPerEpoch : ContractSetup.MidEpochStep;
        using (var killed = ContractSetup.Create(name))
            Interruptions.CancelAfterStep(ContractSetup.Trainer, dirB.Path, killed, train, validation, stopStep);
        using var resumed = ContractSetup.Create(name, seed: 99);   // other initial weights: the checkpoint must replace them
        var stepsAfterResume = new List<long>();
        var recorder = new Interruptions.SynchronousProgress(p => stepsAfterResume.Add(p.Step));
        new Trainer(ContractSetup.Trainer, dirB.Path, recorder).Fit(resumed, train, validation, resume: true);

        // A model that re-derives its state from the data (k-means, SOM, dictionaries) would give the same
        // bits after a silent restart: the resumed run must start at the step after the checkpoint.
        Assert.True(stepsAfterResume.Count > 0, $"{name}: the resumed run took no step");
        Assert.Equal(wholeEpochs ? 2 * ContractSetup.StepsPerEpoch : ContractSetup.MidEpochStep + 1, stepsAfterResume[0]);

        foreach (var (key, tensor) in uninterrupted.State) Assert.True(TestData.Same(tensor, resumed.State[key]), $"{name}: state '{key}' differs after resuming");
        Assert.Equal(uninterrupted.TrainingState.Keys.Order(), resumed.TrainingState.Keys.Order());
        foreach (var (key, tensor) in uninterrupted.TrainingState)
            Assert.True(TestData.Same(tensor, resumed.TrainingState[key]), $"{name}: training state '{key}' differs after resuming");
        var expected = MetricsFile.Read(Path.Combine(dirA.Path, Trainer.MetricsFileName));
        var actual = MetricsFile.Read(Path.Combine(dirB.Path, Trainer.MetricsFileName));
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (a, b) in expected.Zip(actual))
            Assert.Equal(a.Values.Where(kv => kv.Key != "seconds").OrderBy(kv => kv.Key), b.Values.Where(kv => kv.Key != "seconds").OrderBy(kv => kv.Key));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Pictures_are_drawn_by_capability_and_each_file_exists(string name)
    {
        using var train = ContractSetup.TrainingData();
        using var dir = TestData.TempDir();
        using var model = ContractSetup.Create(name);
        new Trainer(ContractSetup.Trainer, dir.Path).Fit(model, train);

        var files = RunPictures.Draw(model, dir.Path, train);
        Assert.Contains(files, f => f.Name.EndsWith(".png", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(new FileInfo(Path.Combine(dir.Path, f.Name)) is { Exists: true, Length: > 0 }, $"{name}: {f.Name} is listed but missing or empty"));
        foreach (var picture in files.Where(f => f.Name.EndsWith(".png", StringComparison.Ordinal)))
        {
            // A blank or single-value picture (every tile one grey, an empty chart) has almost no distinct colours.
            using var bitmap = SKBitmap.Decode(Path.Combine(dir.Path, picture.Name));
            Assert.True(bitmap is not null, $"{name}: {picture.Name} does not decode");
            var colours = bitmap.Pixels.Distinct().Count();
            Assert.True(colours >= 8, $"{name}: {picture.Name} has only {colours} distinct colours");
        }
        Assert.Contains(files, f => f.Name == RunPictures.LossCurveFile);
        if (model is IGenerator) Assert.Contains(files, f => f.Name == RunPictures.SamplesFile);
        if (model is IReconstructor) Assert.Contains(files, f => f.Name == RunPictures.ReconstructionsFile);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Options_out_of_range_are_refused_naming_the_field(string name)
    {
        var options = ContractSetup.OptionsOf(name);
        var checkedFields = 0;
        foreach (var (property, value) in OutOfRangeValues(options))
        {
            var bad = WithValue(options, property, value);
            var e = Assert.Throws<InvalidOptionException>(() => { using var _ = ModelCatalog.Create(name, bad, ContractSetup.SampleShape, CPU, 1); });
            Assert.Equal(property.Name, e.Field);
            Assert.Contains(property.Name, e.Message);
            checkedFields++;
        }
        Assert.True(checkedFields > 0, $"{name}'s options ({options.GetType().Name}) have no numeric field with a [Range]: nothing says what they may be");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_same_seed_twice_gives_identical_weights(string name)
    {
        using var train = ContractSetup.TrainingData();
        using var a = ContractSetup.Create(name);
        using var b = ContractSetup.Create(name);
        new Trainer(ContractSetup.Trainer).Fit(a, train);
        new Trainer(ContractSetup.Trainer).Fit(b, train);
        foreach (var (key, tensor) in a.State) Assert.True(TestData.Same(tensor, b.State[key]), $"{name}: state '{key}' differs between two runs of one seed");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Evaluating_validation_data_does_not_change_the_training_trajectory(string name)
    {
        using var train = ContractSetup.TrainingData();
        using var validation = ContractSetup.ValidationData();
        using var without = ContractSetup.Create(name);
        using var with = ContractSetup.Create(name);
        new Trainer(ContractSetup.Trainer).Fit(without, train);
        new Trainer(ContractSetup.Trainer).Fit(with, train, validation);
        foreach (var (key, tensor) in without.State)
            Assert.True(TestData.Same(tensor, with.State[key]), $"{name}: state '{key}' depends on whether validation data was evaluated");
    }

    /// <summary>What each capability of <paramref name="model"/> gives for <paramref name="input"/>; samples from a generator seeded with <paramref name="sampleSeed"/>.</summary>
    static List<(string Capability, Tensor Output)> Outputs(IModel model, Tensor input, int sampleSeed)
    {
        var outputs = new List<(string, Tensor)>();
        if (model is IEncoder encoder) outputs.Add((nameof(IEncoder.Encode), encoder.Encode(input)));
        if (model is IReconstructor reconstructor) outputs.Add((nameof(IReconstructor.Reconstruct), reconstructor.Reconstruct(input)));
        if (model is IGenerator generator)
        {
            using var random = new Generator((ulong)sampleSeed);
            outputs.Add((nameof(IGenerator.Sample), generator.Sample(16, random)));
        }
        if (model is IDensityModel density) outputs.Add((nameof(IDensityModel.LogLikelihood), density.LogLikelihood(input).LogLikelihood));
        if (model is ISparseCoding sparse) outputs.Add((nameof(ISparseCoding.SparseCode), sparse.SparseCode(input)));
        if (model is IAmortizedSparseCoding amortized) outputs.Add((nameof(IAmortizedSparseCoding.PredictCode), amortized.PredictCode(input)));
        return outputs;
    }

    /// <summary>
    /// For each int, long or double property with a <see cref="RangeAttribute"/>, a value just outside
    /// the range below it and one above it (where the type can hold one).
    /// </summary>
    static IEnumerable<(PropertyInfo Property, object Value)> OutOfRangeValues(ModelOptions options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<RangeAttribute>() is not { } range || !property.CanWrite) continue;
            double min = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            double max = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            double below = range.MinimumIsExclusive ? min : min - 1, above = range.MaximumIsExclusive ? max : max + 1;
            foreach (var candidate in new[] { below, above })
                if (Fit(candidate, property.PropertyType) is { } value) yield return (property, value);
        }
    }

    // The value in the property's type, or null when that type cannot hold it exactly.
    static object? Fit(double value, Type type) => type switch
    {
        _ when type == typeof(int) => value is >= int.MinValue and <= int.MaxValue ? (int)value : null,
        _ when type == typeof(long) => value > long.MinValue && value < long.MaxValue ? (long)value : null,
        _ when type == typeof(double) => double.IsFinite(value) && value is > -double.MaxValue and < double.MaxValue ? value : null,
        _ => null,
    };

    /// <summary>A copy of <paramref name="options"/> (the record's own clone) with <paramref name="property"/> set to <paramref name="value"/>.</summary>
    static ModelOptions WithValue(ModelOptions options, PropertyInfo property, object value)
    {
        var clone = (ModelOptions)options.GetType().GetMethod("<Clone>$")!.Invoke(options, null)!;
        property.SetValue(clone, value);
        return clone;
    }
}
