using System.Diagnostics;
using LatentSharp.Data;
using LatentSharp.Evaluation.Estimators;
using LatentSharp.Models;
using LatentSharp.Reporting;
using LatentSharp.Training;
using LatentSharp.Training.Checkpoints;
using LatentSharp.Visualization;

namespace LatentSharp.Zoo;

/// <summary>
/// The zoo: trains every selected family at its budget (<see cref="ZooBudget"/>), each into its own run
/// folder under <see cref="ZooOptions.OutDirectory"/>, evaluates it with the estimators its capabilities
/// admit, and writes one comparison page (zoo.html) and zoo.json. It resumes where it stopped: a family
/// whose folder holds a finished marker (<see cref="ZooFamilyResult.FileName"/>) for the same budget is
/// skipped; one interrupted in training continues from its checkpoint (or restarts cleanly when the
/// checkpoint cannot be used); one interrupted in evaluation is evaluated again.
/// </summary>
public static class ZooRunner
{
    /// <summary>The zoo page's file name inside the zoo folder.</summary>
    public const string PageFileName = "zoo.html", JsonFileName = "zoo.json";

    /// <summary>Every family the zoo knows: the catalogue's names, in its order.</summary>
    public static IReadOnlyList<string> Families => ModelCatalog.All.Select(d => d.Name).ToList();

    /// <summary>
    /// Runs the zoo. Progress goes to <paramref name="progress"/>; cancelling stops after the current step
    /// (the family keeps its checkpoint and is resumed by the next run) and still writes the page.
    /// </summary>
    /// <exception cref="UnknownModelException">A selected family is not in the catalogue.</exception>
    public static ZooResult Run(ZooOptions options, IProgress<ZooProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var families = Select(options.Families);
        Directory.CreateDirectory(options.OutDirectory);
        var clock = Stopwatch.StartNew();
        var results = new List<ZooFamilyResult>();
        var data = new Dictionary<string, DataSplit>();
        try
        {
            for (int i = 0; i < families.Count; i++)
            {
                if (cancellation.IsCancellationRequested) break;
                var family = families[i];
                void Report(string stage, string message, TrainingProgress? training = null) =>
                    progress?.Report(new ZooProgress(family, i + 1, families.Count, stage, message, training));
                var result = RunFamily(family, options, data, Report, cancellation);
                results.Add(result);
                if (result.Status == ZooFamilyResult.Interrupted) break;
            }
        }
        finally
        {
            foreach (var split in data.Values) split.Dispose();
        }
        bool interrupted = results.Count < families.Count;
        var zoo = new ZooResult(options, results, families.Skip(results.Count).ToList(), interrupted, clock.Elapsed);
        ZooReport.Write(zoo);
        return zoo;
    }

    /// <summary>The selected families in catalogue order; all when none are given.</summary>
    /// <exception cref="UnknownModelException">A name is not in the catalogue.</exception>
    public static IReadOnlyList<string> Select(IReadOnlyList<string>? families)
    {
        if (families is null || families.Count == 0) return Families;
        var wanted = families.Select(f => ModelCatalog.Get(f.Trim()).Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Families.Where(wanted.Contains).ToList();
    }

    static ZooFamilyResult RunFamily(string family, ZooOptions options, Dictionary<string, DataSplit> data,
        Action<string, string, TrainingProgress?> report, CancellationToken cancellation)
    {
        var budget = options.Budget.For(family);
        var folder = Path.Combine(options.OutDirectory, family);
        var baseline = new ZooFamilyResult { Family = family, Status = ZooFamilyResult.Skipped, Folder = family, Budget = budget };
        if (budget.SkipReason is not null)
        {
            report("skip", $"skipped: {budget.SkipReason}", null);
            return baseline with { Reason = budget.SkipReason };
        }
        budget.Validate();
        if (ZooFamilyResult.Read(folder) is { Status: ZooFamilyResult.Done } finished && finished.Budget == budget && RunFolder.HoldsRun(folder))
        {
            report("done", "already finished; kept", null);
            return finished;
        }
        try
        {
            var source = budget.Data ?? options.Data;
            if (!data.TryGetValue(source, out var split)) data[source] = split = DataSources.Resolve(source);
            using var train = split.Train.Take(budget.TrainingSamples);
            using var test = (split.Test ?? split.Train).Take(budget.TestSamples);
            return TrainAndEvaluate(family, folder, budget, source, train, test, options, report, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            report("failed", e.Message, null);
            return baseline with { Status = ZooFamilyResult.Failed, Reason = e.Message };
        }
    }

    static ZooFamilyResult TrainAndEvaluate(string family, string folderPath, ZooFamilyBudget budget, string source, Dataset train, Dataset test,
        ZooOptions options, Action<string, string, TrainingProgress?> report, CancellationToken cancellation)
    {
        var device = TorchSharp.torch.device(options.Device);
        var trainerOptions = new TrainerOptions { Epochs = budget.Epochs, BatchSize = budget.BatchSize, Seed = options.Seed };
        // A finished marker of another budget, or one left by an interrupted evaluation, no longer holds.
        if (File.Exists(Path.Combine(folderPath, ZooFamilyResult.FileName))) File.Delete(Path.Combine(folderPath, ZooFamilyResult.FileName));
        bool resume = RunFolder.HoldsRun(folderPath) && File.Exists(Trainer.CheckpointPath(folderPath)) && SameRun(folderPath, family, trainerOptions);
        var mode = resume ? RunFolderMode.Resume : RunFolder.HoldsRun(folderPath) ? RunFolderMode.Overwrite : RunFolderMode.New;
        report(resume ? "resume" : mode == RunFolderMode.Overwrite ? "restart" : "train",
            $"{(resume ? "resuming" : mode == RunFolderMode.Overwrite ? "restarting" : "training")}: {budget.Epochs} epochs on {train.Count} samples of {source}", null);

        using var model = ModelCatalog.Create(family, null, train.SampleShape, device, options.Seed);
        if (model is not ITrainable trainable) throw new InvalidOperationException($"'{family}' cannot be trained.");
        using (var folder = RunFolder.Open(folderPath, mode))
        {
            try
            {
                if (!resume)
                {
                    var config = RunConfig.For(model, source, trainerOptions) with
                    {
                        Device = options.Device,
                        DataDescription = new RunDataDescription(train.Count, "test", test.Count, [$"zoo budget '{options.Budget.Name}': the first {train.Count} training and {test.Count} test samples"]),
                    };
                    config.Save(folder.Path);
                }
                var trainer = new Trainer(trainerOptions, folder.Path, new Progress(p => report("train", "", p)));
                trainer.CheckpointSaved += (_, _) => folder.Commit();
                TrainingResult result;
                try { result = trainer.Fit(trainable, train, test, "test", resume, cancellation); }
                catch (CheckpointException) when (resume)
                {
                    // The checkpoint does not fit (another budget, a damaged file): start this family again.
                    folder.Dispose();
                    return TrainAndEvaluateFresh(family, folderPath, budget, source, train, test, options, report, cancellation);
                }
                if (result.Cancelled)
                {
                    if (!folder.Committed) folder.Abandon();
                    report("interrupted", "interrupted; the next zoo run continues from the checkpoint", null);
                    return new ZooFamilyResult { Family = family, Status = ZooFamilyResult.Interrupted, Folder = family, Budget = budget, Data = source, Reason = "interrupted" };
                }
            }
            catch (TrainingDivergedException) when (folder.KeepsRun)
            {
                // The folder keeps its last good checkpoint: its report shows the failure; the family is recorded failed.
                if (RunReport.WriteAfterFailure(folder.Path) is { } problem) report("failed", $"{RunReport.FileName} not written: {problem}", null);
                throw;
            }
            catch
            {
                folder.Abandon();
                throw;
            }
        }
        return Evaluate(family, model, folderPath, budget, source, train, test, options, report);
    }

    static ZooFamilyResult TrainAndEvaluateFresh(string family, string folderPath, ZooFamilyBudget budget, string source, Dataset train, Dataset test,
        ZooOptions options, Action<string, string, TrainingProgress?> report, CancellationToken cancellation)
    {
        if (File.Exists(Trainer.CheckpointPath(folderPath))) File.Delete(Trainer.CheckpointPath(folderPath));
        return TrainAndEvaluate(family, folderPath, budget, source, train, test, options, report, cancellation);
    }

    // The folder's run is this family's with these trainer settings (resuming anything else would mix budgets).
    static bool SameRun(string folder, string family, TrainerOptions trainer)
    {
        try
        {
            var config = RunConfig.Load(folder);
            return string.Equals(config.Model, family, StringComparison.OrdinalIgnoreCase)
                && config.Trainer.Epochs == trainer.Epochs && config.Trainer.BatchSize == trainer.BatchSize && config.Trainer.Seed == trainer.Seed;
        }
        catch (Exception e) when (e is CheckpointException or IOException or System.Text.Json.JsonException or ArgumentException) { return false; }
    }

    /// <summary>The estimator specs for what <paramref name="model"/> can do, with <paramref name="budget"/>'s sample counts.</summary>
    public static IReadOnlyList<string> EstimatorSpecs(IModel model, ZooFamilyBudget budget)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(budget);
        string[] all =
        [
            "loss", "reconstruction", $"iwae:k={budget.ImportanceSamples}",
            $"mmd:samples={budget.GeneratedSamples}", $"frechet:samples={budget.GeneratedSamples}", $"classes:samples={budget.GeneratedSamples}",
            "probe", "knn",
        ];
        return all.Where(spec => EstimatorCatalog.Create(spec).Descriptor.Refusal(model) is null).ToList();
    }

    static ZooFamilyResult Evaluate(string family, IModel model, string folder, ZooFamilyBudget budget, string source, Dataset train, Dataset test,
        ZooOptions options, Action<string, string, TrainingProgress?> report)
    {
        var specs = EstimatorSpecs(model, budget);
        report("evaluate", $"evaluating on {test.Count} test samples: {string.Join(", ", specs)}", null);
        var clock = Stopwatch.StartNew();
        var ran = new List<string>();
        var problems = new List<string>();
        foreach (var spec in specs)
        {
            try
            {
                var entry = Evaluator.Run(model, EstimatorCatalog.Create(spec), test, "test", train, options.Seed);
                EvaluationFile.Record(folder, entry);
                ran.Add(spec);
            }
            catch (Exception e) when (e is EstimatorException or ArgumentException or InvalidOperationException)
            {
                problems.Add($"{spec}: {e.Message}");
            }
        }
        double evaluationSeconds = clock.Elapsed.TotalSeconds;
        RunPictures.Draw(model, folder, test);
        RunReport.Write(folder);
        var epochs = MetricsFile.Read(Path.Combine(folder, Trainer.MetricsFileName));
        double seconds = epochs.Sum(e => e.Values.TryGetValue("seconds", out var s) ? s : 0);
        var result = new ZooFamilyResult
        {
            Family = family, Status = ZooFamilyResult.Done, Folder = family, Budget = budget, Data = source,
            Epochs = epochs.Count, TrainingSamples = train.Count, TrainingSeconds = seconds,
            SamplesPerSecond = seconds > 0 ? train.Count * epochs.Count / seconds : double.NaN,
            EvaluationSeconds = evaluationSeconds, Estimators = ran, EstimatorProblems = problems,
        };
        result.Write(folder);
        report("done", $"done: {seconds:F1} s training, {evaluationSeconds:F1} s evaluation" + (problems.Count > 0 ? $"; {problems.Count} estimator(s) refused" : ""), null);
        return result;
    }

    sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
