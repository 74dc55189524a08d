using LatentSharp.IO;
using System.Diagnostics;
using System.Text.Json;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// The one training engine. Runs any <see cref="ITrainable"/> over seeded, shuffled minibatches;
/// the model's <see cref="ITrainable.TrainStep"/> owns the update rule. With a run folder it
/// writes per-epoch metrics (metrics.jsonl), the model (model.safetensors) and an atomic
/// checkpoint (trainer.safetensors: weights, optimiser state, RNG state, position) from which
/// <c>resume</c> continues exactly as the uninterrupted run would have.
/// </summary>
public sealed class Trainer
{
    /// <summary>File names inside a run folder.</summary>
    public const string ModelFileName = "model.safetensors", CheckpointFileName = "trainer.safetensors", MetricsFileName = "metrics.jsonl";

    const string CheckpointFormat = "latentsharp-trainer/1", PositionKey = "latentsharp.position";
    const string ModelPrefix = "model.", TrainingPrefix = "training.", RngName = "rng.training";

    // The position holds +Infinity as "no best loss yet".
    static readonly JsonSerializerOptions PositionJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    readonly TrainerOptions _options;
    readonly string? _runDirectory;
    readonly IProgress<TrainingProgress>? _progress;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Epochs, batch size, seed, early stopping, checkpoint interval.</param>
    /// <param name="runDirectory">Where to write metrics, model and checkpoints; null keeps everything in memory.</param>
    /// <param name="progress">Receives a report after every step and at every epoch end.</param>
    public Trainer(TrainerOptions options, string? runDirectory = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _runDirectory = runDirectory;
        _progress = progress;
    }

    /// <summary>Path of the checkpoint file in <paramref name="runDirectory"/>.</summary>
    public static string CheckpointPath(string runDirectory) => Path.Combine(runDirectory, CheckpointFileName);

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>, evaluating on
    /// <paramref name="validation"/> (if any) after each epoch under the metric prefix
    /// <paramref name="validationName"/>.
    /// </summary>
    /// <param name="model">The model to train (its update rule is its own).</param>
    /// <param name="train">Training samples.</param>
    /// <param name="validation">Evaluated after each epoch; its loss drives early stopping. Optional.</param>
    /// <param name="validationName">Metric prefix of the validation figures, e.g. <c>validation</c> or <c>test</c>.</param>
    /// <param name="resume">Continue from the run folder's checkpoint (which must exist and match the model).</param>
    /// <param name="cancellation">Stops after the current step; a checkpoint is written first.</param>
    /// <exception cref="TrainingDivergedException">A loss or parameter became NaN/Inf; the last good checkpoint is kept.</exception>
    public TrainingResult Fit(ITrainable model, IBatchSource train, IBatchSource? validation = null, string validationName = "validation",
        bool resume = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException($"'{train.Name}' has no samples.", nameof(train));
        CheckShape(model, train);
        if (validation is not null) CheckShape(model, validation);
        if (resume && _runDirectory is null) throw new InvalidOperationException("Resuming needs a run directory.");
        if (_runDirectory is not null) Directory.CreateDirectory(_runDirectory);
        NativeHeap.KeepTensorMemoryMapped();

        long batchesPerEpoch = BatchRanges.Count(train.Count, _options.BatchSize);
        long totalSteps = batchesPerEpoch * _options.Epochs;
        using var generator = new Generator((ulong)Mix(_options.Seed, 0x7261696e));
        var context = new TrainingContext(generator, _options.BatchSize, totalSteps, _options.Epochs);
        var position = new TrainerPosition { Seed = _options.Seed, BatchSize = _options.BatchSize };
        var history = new List<IReadOnlyDictionary<string, double>>();
        if (resume)
        {
            position = LoadCheckpoint(model, generator);
            context.Step = position.Step;
            history.AddRange(TruncateMetrics(position.Epoch));
        }
        else
        {
            if (_runDirectory is not null) File.Delete(Path.Combine(_runDirectory, MetricsFileName));
            if (model is IDataInitialized initialized)
            {
                using var scope = NewDisposeScope();
                initialized.InitializeFromData(train, context);
            }
        }

        var accumulator = new MetricAccumulator();
        accumulator.Restore(position.PartialSums, position.PartialWeight);
        var runClock = Stopwatch.StartNew();
        long stepsThisSession = 0;
        bool stoppedEarly = false;

        for (int epoch = position.Epoch; epoch < _options.Epochs && !stoppedEarly; epoch++)
        {
            context.Epoch = epoch;
            var epochClock = Stopwatch.StartNew();
            double secondsBefore = epoch == position.Epoch ? position.PartialSeconds : 0;
            long firstBatch = epoch == position.Epoch ? position.BatchInEpoch : 0;
            using var order = EpochOrder(train.Count, epoch);
            long batchIndex = 0;
            foreach (var (start, length) in BatchRanges.Of(train.Count, _options.BatchSize))
            {
                if (batchIndex++ < firstBatch) continue;
                if (cancellation.IsCancellationRequested)
                {
                    var partial = accumulator.Snapshot();
                    SaveCheckpoint(model, generator, position with
                    {
                        Epoch = epoch, BatchInEpoch = batchIndex - 1, Step = context.Step,
                        PartialSums = new(partial.Sums), PartialWeight = partial.Weight,
                        PartialSeconds = secondsBefore + epochClock.Elapsed.TotalSeconds,
                    });
                    return new TrainingResult(epoch, history, false, true);
                }
                using (var scope = NewDisposeScope())
                {
                    var batch = train.ReadBatch(order.narrow(0, start, length), model.Device);
                    var metrics = model.TrainStep(batch, context);
                    if (!metrics.TryGetValue(MetricKeys.Loss, out var loss))
                        throw new InvalidOperationException($"{model.Name}.TrainStep returned no '{MetricKeys.Loss}'.");
                    if (!double.IsFinite(loss))
                        throw new TrainingDivergedException(epoch, context.Step + 1, "the training loss");
                    accumulator.Add(metrics, length);
                }
                context.Step++;
                stepsThisSession++;
                if (_options.CheckpointEverySteps > 0 && context.Step % _options.CheckpointEverySteps == 0 && batchIndex < batchesPerEpoch)
                {
                    var partial = accumulator.Snapshot();
                    SaveCheckpoint(model, generator, position with
                    {
                        Epoch = epoch, BatchInEpoch = batchIndex, Step = context.Step,
                        PartialSums = new(partial.Sums), PartialWeight = partial.Weight,
                        PartialSeconds = secondsBefore + epochClock.Elapsed.TotalSeconds,
                    });
                }
                if (_progress is not null)
                {
                    double perStep = runClock.Elapsed.TotalSeconds / stepsThisSession;
                    _progress.Report(new TrainingProgress(epoch, _options.Epochs, batchIndex, batchesPerEpoch, context.Step,
                        accumulator.Mean(MetricKeys.Loss), accumulator.Weight / Math.Max(1e-9, secondsBefore + epochClock.Elapsed.TotalSeconds),
                        TimeSpan.FromSeconds(perStep * Math.Max(0, totalSteps - context.Step))));
                }
            }

            double trainSeconds = secondsBefore + epochClock.Elapsed.TotalSeconds;
            EnsureFiniteState(model, epoch, context.Step);
            var epochMetrics = new Dictionary<string, double>
            {
                ["epoch"] = epoch + 1,
                ["step"] = context.Step,
                ["seconds"] = trainSeconds,
            };
            foreach (var (k, v) in accumulator.Means("train.")) epochMetrics[k] = v;
            if (validation is not null)
                foreach (var (k, v) in model.Evaluate(validation, context)) epochMetrics[$"{validationName}.{k}"] = v;
            accumulator = new MetricAccumulator();

            double monitored = validation is not null ? epochMetrics[$"{validationName}.{MetricKeys.Loss}"] : epochMetrics[$"train.{MetricKeys.Loss}"];
            if (!double.IsFinite(monitored))
                throw new TrainingDivergedException(epoch, context.Step, $"the {(validation is not null ? validationName : "training")} loss");
            bool improved = monitored < position.BestMonitored - _options.EarlyStoppingMinDelta;
            position = position with
            {
                Epoch = epoch + 1, BatchInEpoch = 0, Step = context.Step, PartialSums = new(), PartialWeight = 0, PartialSeconds = 0,
                BestMonitored = improved ? monitored : position.BestMonitored,
                EpochsWithoutImprovement = improved ? 0 : position.EpochsWithoutImprovement + 1,
            };
            history.Add(epochMetrics);
            if (_runDirectory is not null)
            {
                AppendMetrics(epochMetrics);
                ModelFile.Save(model, Path.Combine(_runDirectory, ModelFileName));
                SaveCheckpoint(model, generator, position);
            }
            _progress?.Report(new TrainingProgress(epoch, _options.Epochs, batchesPerEpoch, batchesPerEpoch, context.Step,
                epochMetrics[$"train.{MetricKeys.Loss}"], train.Count / Math.Max(1e-9, trainSeconds),
                TimeSpan.FromSeconds(runClock.Elapsed.TotalSeconds / Math.Max(1, stepsThisSession) * Math.Max(0, totalSteps - context.Step)),
                epochMetrics));
            stoppedEarly = _options.EarlyStoppingPatience > 0 && position.EpochsWithoutImprovement >= _options.EarlyStoppingPatience;
        }
        return new TrainingResult(position.Epoch, history, stoppedEarly, false);
    }

    /// <summary>The sample order of an epoch depends only on the seed and the epoch number, so a resumed run replays it.</summary>
    Tensor EpochOrder(long count, int epoch)
    {
        using var shuffle = new Generator((ulong)Mix(_options.Seed, epoch));
        return randperm(count, generator: shuffle);
    }

    static void CheckShape(IModel model, IBatchSource source)
    {
        long modelSize = model.InputShape.Aggregate(1L, (a, b) => a * b);
        long dataSize = source.SampleShape.Aggregate(1L, (a, b) => a * b);
        if (modelSize != dataSize)
            throw new ArgumentException($"{model.Name} expects samples of shape [{string.Join(", ", model.InputShape)}] but '{source.Name}' has [{string.Join(", ", source.SampleShape)}].");
    }

    static void EnsureFiniteState(IModel model, int epoch, long step)
    {
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in model.State)
            if (tensor.is_floating_point() && !isfinite(tensor).all().item<bool>())
                throw new TrainingDivergedException(epoch, step, $"parameter '{name}'");
    }

    void SaveCheckpoint(ITrainable model, Generator generator, TrainerPosition position)
    {
        if (_runDirectory is null) return;
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (k, v) in model.State) tensors[ModelPrefix + k] = v;
        foreach (var (k, v) in model.TrainingState) tensors[TrainingPrefix + k] = v;
        using var rng = generator.get_state();
        tensors[RngName] = rng;
        var metadata = ModelFile.Describe(model);
        metadata[ModelFile.FormatKey] = CheckpointFormat;
        metadata[PositionKey] = JsonSerializer.Serialize(position, PositionJson);
        SafeTensorsFile.Write(CheckpointPath(_runDirectory), tensors, metadata);
    }

    TrainerPosition LoadCheckpoint(ITrainable model, Generator generator)
    {
        var path = CheckpointPath(_runDirectory!);
        if (!File.Exists(path))
            throw new CheckpointException($"{path}: no checkpoint to resume from.");
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        try
        {
            if (metadata.GetValueOrDefault(ModelFile.FormatKey) != CheckpointFormat)
                throw new CheckpointException($"{path}: not a LatentSharp training checkpoint.");
            var savedModel = metadata.GetValueOrDefault(ModelFile.ModelKey);
            if (savedModel != model.Name)
                throw new CheckpointException($"{path}: a checkpoint of '{savedModel}', not of '{model.Name}'.");
            if (metadata.GetValueOrDefault(ModelFile.OptionsKey) != Options.OptionsJson.Serialize(model.Options))
                throw new CheckpointException($"{path}: the checkpoint was trained with other hyper-parameters than this model's.");
            var position = JsonSerializer.Deserialize<TrainerPosition>(metadata.GetValueOrDefault(PositionKey) ?? "null", PositionJson)
                           ?? throw new CheckpointException($"{path}: the checkpoint has no position.");
            if (position.Seed != _options.Seed || position.BatchSize != _options.BatchSize)
                throw new CheckpointException($"{path}: the run used seed {position.Seed} and batch size {position.BatchSize}; resume with the same ones (got {_options.Seed} and {_options.BatchSize}).");
            ModelFile.CopyState(model.State, tensors, path, "model", ModelPrefix);
            ModelFile.CopyState(model.TrainingState, tensors, path, "model's training state", TrainingPrefix);
            if (!tensors.TryGetValue(RngName, out var rng))
                throw new CheckpointException($"{path}: the checkpoint has no random-generator state.");
            generator.set_state(rng);
            return position;
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path}: the checkpoint's position is unreadable: {e.Message}");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    void AppendMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        var path = Path.Combine(_runDirectory!, MetricsFileName);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(JsonSerializer.Serialize(metrics.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? kv.Value : (double?)null)));
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Keeps the metrics lines of the epochs the checkpoint covers (a killed run may have written one more).</summary>
    List<IReadOnlyDictionary<string, double>> TruncateMetrics(int epochs)
    {
        var path = Path.Combine(_runDirectory!, MetricsFileName);
        var kept = ReadMetrics(path).Take(epochs).ToList();
        AtomicFile.WriteText(path, string.Concat(kept.Select(m => JsonSerializer.Serialize(m) + "\n")));
        return kept;
    }

    /// <summary>Reads a metrics.jsonl file (one dictionary per epoch).</summary>
    public static List<IReadOnlyDictionary<string, double>> ReadMetrics(string path)
    {
        var result = new List<IReadOnlyDictionary<string, double>>();
        if (!File.Exists(path)) return result;
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, double?>>(line) ?? new();
            result.Add(values.ToDictionary(kv => kv.Key, kv => kv.Value ?? double.NaN));
        }
        return result;
    }

    /// <summary>SplitMix64 of (seed, stream): independent, reproducible seeds for each random stream.</summary>
    internal static long Mix(long seed, long stream)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL);
    }
}
