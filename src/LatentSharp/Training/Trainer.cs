using System.Diagnostics;
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
public sealed partial class Trainer
{
    /// <summary>File names inside a run folder.</summary>
    public const string ModelFileName = "model.safetensors", CheckpointFileName = "trainer.safetensors", MetricsFileName = MetricsFile.FileName;

    readonly TrainerOptions _options;
    readonly string? _runDirectory;
    readonly IProgress<TrainingProgress>? _progress;
    readonly IReadOnlyList<IEpochCheck> _checks;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Epochs, batch size, seed, early stopping, checkpoint interval.</param>
    /// <param name="runDirectory">Where to write metrics, model and checkpoints; null keeps everything in memory.</param>
    /// <param name="progress">Receives a report after every step and at every epoch end.</param>
    /// <param name="checks">Checks run after every epoch for named conditions (warnings); null means <see cref="EpochConditions.DefaultChecks"/> (mode collapse), empty means none.</param>
    public Trainer(TrainerOptions options, string? runDirectory = null, IProgress<TrainingProgress>? progress = null, IReadOnlyList<IEpochCheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _runDirectory = runDirectory;
        _progress = progress;
        _checks = checks ?? EpochConditions.DefaultChecks;
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
    /// <exception cref="TrainingDivergedException">A loss or parameter became NaN/Inf; the last good checkpoint is kept and, with a run folder, failure.json records it.</exception>
    public TrainingResult Fit(ITrainable model, IBatchSource train, IBatchSource? validation = null, string validationName = "validation",
        bool resume = false, CancellationToken cancellation = default)
    {
        try { return Run(model, train, validation, validationName, resume, cancellation); }
        catch (TrainingDivergedException e) when (_runDirectory is not null && e.RecordedIn is null)
        {
            int kept = MetricsFile.Read(Path.Combine(_runDirectory, MetricsFileName)).Count;
            RunFailure.Write(_runDirectory, new RunFailure(e.Condition, e.Message, e.Epoch + 1, e.Step, kept));
            throw new TrainingDivergedException(e.Epoch, e.Step, e.What, RunFailure.PathIn(_runDirectory));
        }
    }

    TrainingResult Run(ITrainable model, IBatchSource train, IBatchSource? validation, string validationName, bool resume, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException($"'{train.Name}' has no samples.", nameof(train));
        CheckShape(model, train);
        if (validation is not null) CheckShape(model, validation);
        if (model is IDataChecked checkedModel)
        {
            checkedModel.CheckData(train);
            if (validation is not null) checkedModel.CheckData(validation);
        }
        if (resume && _runDirectory is null) throw new InvalidOperationException("Resuming needs a run directory.");
        if (_runDirectory is not null) Directory.CreateDirectory(_runDirectory);

        var phases = TrainingPhases.Of(model);
        long batchesPerEpoch = BatchRanges.Count(train.Count, _options.BatchSize);
        // The training stream lives on the model's device, so a step may draw noise there directly.
        using var generator = new Generator((ulong)Mix(_options.Seed, 0x7261696e), model.Device);
        var position = new TrainerPosition
        {
            Seed = _options.Seed, BatchSize = _options.BatchSize, PhaseIndex = 0,
            TotalSteps = batchesPerEpoch * _options.Epochs, PlannedEpochs = _options.Epochs,
        };
        var records = new List<EpochRecord>();
        if (resume)
        {
            position = Upgrade(LoadCheckpoint(model, generator), batchesPerEpoch, phases);
            records.AddRange(TruncateMetrics(position.Epoch));
        }
        // Schedules read the run's planned length: fixed when the run started, so growing --epochs on
        // resume appends epochs after the planned end (schedules hold their final value there).
        var context = new TrainingContext(generator, _options.BatchSize, position.TotalSteps, position.PlannedEpochs)
        {
            BatchesPerEpoch = batchesPerEpoch, Step = position.Step, PhaseIndex = position.PhaseIndex!.Value,
        };
        if (_runDirectory is not null) RunFailure.Clear(_runDirectory);   // a new attempt: the last one's failure no longer describes the folder
        if (!resume)
        {
            if (_runDirectory is not null) File.Delete(Path.Combine(_runDirectory, MetricsFileName));
            if (model is IDataInitialized initialized)
            {
                using var scope = NewDisposeScope();
                initialized.InitializeFromData(train, context);
            }
        }

        var accumulator = new MetricAccumulator();
        accumulator.Restore(position.PartialSums, position.PartialWeights, position.PartialWeight);
        using var best = new BestWeights(_runDirectory is null && _options.EarlyStoppingPatience > 0);
        var runClock = Stopwatch.StartNew();
        long stepsThisSession = 0;
        bool announced = false;
        void Announce()
        {
            if (announced) return;
            announced = true;
            CheckpointSaved?.Invoke(this, EventArgs.Empty);
        }

        for (int epoch = position.Epoch; epoch < _options.Epochs && !position.Finished; epoch++)
        {
            context.Epoch = epoch;
            context.PhaseIndex = position.PhaseIndex!.Value;
            context.EpochInPhase = position.EpochInPhase;
            var epochClock = Stopwatch.StartNew();
            double secondsBefore = epoch == position.Epoch ? position.PartialSeconds : 0;
            long firstBatch = epoch == position.Epoch ? position.BatchInEpoch : 0;
            if (model is IEpochTrainable { TrainsWholeEpochs: true } whole)
            {
                // The whole epoch in one call: cancellation is honoured at its start (an epoch is atomic).
                if (cancellation.IsCancellationRequested)
                {
                    SaveCheckpoint(model, generator, PartialPosition(position, epoch, 0, context.Step - firstBatch, new MetricAccumulator(), 0));
                    return Result(position with { Epoch = epoch }, records, stoppedEarly: false, cancelled: true);
                }
                accumulator = new MetricAccumulator();   // a mid-epoch checkpoint of an older version: the epoch is redone whole
                TrainWholeEpoch(whole, train, context, epoch, accumulator);
                context.Step += batchesPerEpoch - firstBatch;
                stepsThisSession += batchesPerEpoch - firstBatch;
                _progress?.Report(new TrainingProgress(epoch, _options.Epochs, batchesPerEpoch, batchesPerEpoch, context.Step,
                    accumulator.Mean(MetricKeys.Loss), train.Count / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds),
                    TimeSpan.FromSeconds(runClock.Elapsed.TotalSeconds / Math.Max(1, stepsThisSession) * Math.Max(0, RemainingSteps(context.Step, batchesPerEpoch)))));
            }
            else
            {
            using var order = EpochOrder(train.Count, epoch);
            long batchIndex = 0;
            foreach (var (start, length) in BatchRanges.Of(train.Count, _options.BatchSize))
            {
                if (batchIndex++ < firstBatch) continue;
                if (cancellation.IsCancellationRequested)
                {
                    SaveCheckpoint(model, generator, PartialPosition(position, epoch, batchIndex - 1, context.Step, accumulator, secondsBefore + epochClock.Elapsed.TotalSeconds));
                    return Result(position with { Epoch = epoch }, records, stoppedEarly: false, cancelled: true);
                }
                context.BatchInEpoch = batchIndex - 1;
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
                    SaveCheckpoint(model, generator, PartialPosition(position, epoch, batchIndex, context.Step, accumulator, secondsBefore + epochClock.Elapsed.TotalSeconds));
                    Announce();
                }
                if (_progress is not null)
                {
                    double perStep = runClock.Elapsed.TotalSeconds / stepsThisSession;
                    _progress.Report(new TrainingProgress(epoch, _options.Epochs, batchIndex, batchesPerEpoch, context.Step,
                        accumulator.Mean(MetricKeys.Loss), accumulator.Weight / Math.Max(1e-9, secondsBefore + epochClock.Elapsed.TotalSeconds),
                        TimeSpan.FromSeconds(perStep * Math.Max(0, RemainingSteps(context.Step, batchesPerEpoch)))));
                }
            }
            }
            using (var scope = NewDisposeScope()) model.EndEpoch(context);

            double trainSeconds = secondsBefore + epochClock.Elapsed.TotalSeconds;
            EnsureFiniteState(model, epoch, context.Step);
            var record = EpochFigures(model, epoch, context, trainSeconds, accumulator, validation, validationName, phases);
            accumulator = new MetricAccumulator();
            record = record with { Warnings = EpochConditions.Find(model, record, train, _checks, Mix(Mix(_options.Seed, 0x636865636b), epoch)) };

            string monitoredName = validation is not null ? $"{validationName}.{MetricKeys.Loss}" : $"train.{MetricKeys.Loss}";
            double monitored = record[monitoredName];
            if (!double.IsFinite(monitored))
                throw new TrainingDivergedException(epoch, context.Step, $"the {(validation is not null ? validationName : "training")} loss");
            position = Advance(position, epoch, context.Step, monitored, model.HasConverged, phases);
            records.Add(record);
            // Under early stopping the model file keeps the best epoch of the last phase; otherwise the latest.
            bool keepThis = _options.EarlyStoppingPatience == 0 || position.BestEpoch == epoch + 1 || !InLastPhase(record, phases);
            if (keepThis && _options.EarlyStoppingPatience > 0 && position.BestEpoch == epoch + 1) best.Remember(model);
            if (_runDirectory is not null)
            {
                MetricsFile.Append(Path.Combine(_runDirectory, MetricsFileName), record);
                if (keepThis) ModelFile.Save(model, Path.Combine(_runDirectory, ModelFileName));
                SaveCheckpoint(model, generator, position);
                Announce();
            }
            _progress?.Report(new TrainingProgress(epoch, _options.Epochs, batchesPerEpoch, batchesPerEpoch, context.Step,
                record[$"train.{MetricKeys.Loss}"], train.Count / Math.Max(1e-9, trainSeconds),
                TimeSpan.FromSeconds(runClock.Elapsed.TotalSeconds / Math.Max(1, stepsThisSession) * Math.Max(0, RemainingSteps(context.Step, batchesPerEpoch))),
                record.Values, record.Warnings));
        }
        if (position.BestEpoch > 0 && position.BestEpoch != records.Count) RestoreBest(model, best);
        return Result(position, records, stoppedEarly: position.FinishedBy == FinishedByEarlyStopping, cancelled: false);
    }

    /// <summary>One epoch of a model that takes the training source whole (<see cref="IEpochTrainable"/>).</summary>
    static void TrainWholeEpoch(IEpochTrainable model, IBatchSource train, TrainingContext context, int epoch, MetricAccumulator accumulator)
    {
        context.BatchInEpoch = 0;
        using var scope = NewDisposeScope();
        var metrics = model.TrainEpoch(train, context);
        if (!metrics.TryGetValue(MetricKeys.Loss, out var loss))
            throw new InvalidOperationException($"{model.Name}.TrainEpoch returned no '{MetricKeys.Loss}'.");
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException(epoch, context.Step + 1, "the training loss");
        accumulator.Add(metrics, train.Count);
    }

    /// <summary>
    /// Raised once per <see cref="Fit"/>, after its first regular checkpoint (at an epoch end or every
    /// <see cref="TrainerOptions.CheckpointEverySteps"/>; not the one written on cancellation): from then
    /// on the run folder holds a resumable run of its own. The CLI waits for it before discarding the
    /// run an <c>--overwrite</c> replaces.
    /// </summary>
    public event EventHandler? CheckpointSaved;

    const string FinishedByEarlyStopping = "early-stopping", FinishedByConvergence = "converged";

    TrainingResult Result(TrainerPosition position, List<EpochRecord> records, bool stoppedEarly, bool cancelled) =>
        new(position.Epoch, records, stoppedEarly, cancelled)
        {
            Converged = position.FinishedBy == FinishedByConvergence,
            BestEpoch = position.BestEpoch,
        };

    /// <summary>Steps left until the run's --epochs are done (which may differ from the planned total after a resume).</summary>
    long RemainingSteps(long step, long batchesPerEpoch) => batchesPerEpoch * _options.Epochs - step;

    static TrainerPosition PartialPosition(TrainerPosition position, int epoch, long batchInEpoch, long step, MetricAccumulator accumulator, double seconds)
    {
        var (sums, weights, weight) = accumulator.Snapshot();
        return position with
        {
            Epoch = epoch, BatchInEpoch = batchInEpoch, Step = step,
            PartialSums = sums, PartialWeights = weights, PartialWeight = weight, PartialSeconds = seconds,
        };
    }

    /// <summary>Fills what checkpoints older than a field lack: the planned length and the phase.</summary>
    TrainerPosition Upgrade(TrainerPosition position, long batchesPerEpoch, IReadOnlyList<TrainingPhase> phases)
    {
        if (position.TotalSteps == 0)
            position = position with { TotalSteps = batchesPerEpoch * _options.Epochs, PlannedEpochs = _options.Epochs };
        if (position.PhaseIndex is null)
        {
            // Older runs changed phase on fixed epoch counts: recover the phase from the epoch.
            int index = 0, epochsBefore = 0;
            while (index < phases.Count - 1 && position.Epoch >= epochsBefore + phases[index].Epochs) epochsBefore += phases[index++].Epochs;
            position = position with { PhaseIndex = index, EpochInPhase = position.Epoch - epochsBefore };
        }
        return position;
    }

    /// <summary>The epoch's figures: bookkeeping, training means, validation figures, the phase and each metric's kind.</summary>
    EpochRecord EpochFigures(ITrainable model, int epoch, TrainingContext context, double trainSeconds, MetricAccumulator accumulator,
        IBatchSource? validation, string validationName, IReadOnlyList<TrainingPhase> phases)
    {
        var values = new Dictionary<string, double> { ["epoch"] = epoch + 1, ["step"] = context.Step, ["seconds"] = trainSeconds };
        var kinds = new Dictionary<string, MetricKind>();
        foreach (var (key, value) in accumulator.Means())
        {
            values[$"train.{key}"] = value;
            kinds[$"train.{key}"] = model.KindOf(key);
        }
        if (validation is not null)
        {
            // Evaluation draws from its own stream, seeded by the epoch: how much it draws (the size of
            // the validation set) never moves the training trajectory.
            using var evaluationGenerator = new Generator((ulong)Mix(Mix(_options.Seed, 0x6576616c), epoch), model.Device);
            var evaluation = new TrainingContext(evaluationGenerator, _options.BatchSize, context.TotalSteps, context.Epochs)
            {
                Epoch = epoch, Step = context.Step, BatchesPerEpoch = context.BatchesPerEpoch,
                PhaseIndex = context.PhaseIndex, EpochInPhase = context.EpochInPhase,
            };
            foreach (var (key, value) in model.Evaluate(validation, evaluation))
            {
                values[$"{validationName}.{key}"] = value;
                kinds[$"{validationName}.{key}"] = model.KindOf(key);
            }
        }
        string? phase = phases.Count > 1 || model is IPhasedTrainable ? phases[context.PhaseIndex].Name : null;
        return new EpochRecord(values, phase, kinds);
    }

    static bool InLastPhase(EpochRecord record, IReadOnlyList<TrainingPhase> phases) =>
        record.Phase is null || record.Phase == phases[^1].Name;

    /// <summary>
    /// The position after an epoch: early-stopping bookkeeping (restarted at each phase), the move to
    /// the next phase when this one has run its epochs, converged or stopped improving, and the end of
    /// the run when the last phase converges or stops improving.
    /// </summary>
    TrainerPosition Advance(TrainerPosition position, int epoch, long step, double monitored, bool converged, IReadOnlyList<TrainingPhase> phases)
    {
        bool improved = monitored < position.BestMonitored - _options.EarlyStoppingMinDelta;
        int phaseIndex = position.PhaseIndex!.Value;
        bool lastPhase = phaseIndex == phases.Count - 1;
        var next = position with
        {
            Epoch = epoch + 1, BatchInEpoch = 0, Step = step,
            PartialSums = new(), PartialWeights = new(), PartialWeight = 0, PartialSeconds = 0,
            BestMonitored = improved ? monitored : position.BestMonitored,
            EpochsWithoutImprovement = improved ? 0 : position.EpochsWithoutImprovement + 1,
            EpochInPhase = position.EpochInPhase + 1,
            BestEpoch = improved && lastPhase && _options.EarlyStoppingPatience > 0 ? epoch + 1 : position.BestEpoch,
        };
        bool exhausted = _options.EarlyStoppingPatience > 0 && next.EpochsWithoutImprovement >= _options.EarlyStoppingPatience;
        if (lastPhase)
            return converged ? next with { FinishedBy = FinishedByConvergence }
                : exhausted ? next with { FinishedBy = FinishedByEarlyStopping }
                : next;
        if (converged || exhausted || next.EpochInPhase >= phases[phaseIndex].Epochs)
            return next with
            {
                PhaseIndex = phaseIndex + 1, EpochInPhase = 0,
                BestMonitored = double.PositiveInfinity, EpochsWithoutImprovement = 0,
            };
        return next;
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

    /// <summary>SplitMix64 of (seed, stream): independent, reproducible seeds for each random stream.</summary>
    internal static long Mix(long seed, long stream)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL);
    }
}
