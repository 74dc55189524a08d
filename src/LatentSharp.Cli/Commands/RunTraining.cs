using LatentSharp.Cli.CommandLine;
using LatentSharp.Cli.Rendering;
using LatentSharp.Data;
using LatentSharp.Reporting;
using LatentSharp.Training;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// What the commands that train into a run folder (<c>train</c>, <c>finetune</c>) share: trainer
/// settings from the command line, the resume rules, the guard against replacing a run by
/// accident, and running the trainer with an interruption message that says how to continue.
/// </summary>
internal static class RunTraining
{
    /// <summary>The trainer options <see cref="Options"/> reads, plus the folder ones, with <paramref name="defaults"/>' values in their help.</summary>
    public static IReadOnlyList<CliOption> Declarations(TrainerOptions defaults, string outDefault) =>
    [
        CliOption.Value("epochs", "N", $"Passes over the training data, 1 to 1000000. Default: {defaults.Epochs}."),
        CliOption.Value("batch-size", "N", $"Samples per step, 1 to 1000000. Default: {defaults.BatchSize}."),
        CliOption.Value("seed", "N", $"Seed of the weights, the batches and the noise. Default: {defaults.Seed}."),
        CliOption.Value("patience", "N", $"Stop after this many epochs without improvement; 0 never stops early. Default: {defaults.EarlyStoppingPatience}."),
        CliOption.Value("min-delta", "X", $"Smallest loss decrease that counts as an improvement. Default: {defaults.EarlyStoppingMinDelta}."),
        CliOption.Value("checkpoint-every", "steps", $"Also checkpoint every this many steps; 0 only at epoch ends. Default: {defaults.CheckpointEverySteps}."),
        CliOption.Value("out", "folder", $"The run folder. Default: {outDefault}."),
        CliOption.Flag("resume", "Continue the interrupted or finished run in --out (only --epochs may change)."),
        CliOption.Flag("overwrite", "Replace the run already in --out."),
    ];

    /// <summary>
    /// Trainer settings: the command line over <paramref name="defaults"/> (a new run) or over the
    /// run's saved settings (<paramref name="previous"/>, a resume). A resume may change only the
    /// number of epochs and the early-stopping/checkpoint settings: the seed and batch size fix the
    /// batches an exact resume replays.
    /// </summary>
    public static TrainerOptions Options(ArgumentList args, TrainerOptions defaults, RunConfig? previous)
    {
        var baseline = previous?.Trainer ?? defaults;
        var options = baseline with
        {
            Epochs = (int)args.Integer("epochs", baseline.Epochs, 1, 1_000_000),
            BatchSize = (int)args.Integer("batch-size", baseline.BatchSize, 1, 1_000_000),
            Seed = args.Integer("seed", baseline.Seed),
            EarlyStoppingPatience = (int)args.Integer("patience", baseline.EarlyStoppingPatience, 0, 1_000_000),
            EarlyStoppingMinDelta = args.Real("min-delta", baseline.EarlyStoppingMinDelta, 0),
            CheckpointEverySteps = args.Integer("checkpoint-every", baseline.CheckpointEverySteps, 0),
        };
        if (previous is not null && (options.Seed != previous.Trainer.Seed || options.BatchSize != previous.Trainer.BatchSize))
            throw new UsageException("--resume must keep the run's --seed and --batch-size (an exact resume replays the same batches).");
        return options;
    }

    /// <summary>
    /// The config of the run in <paramref name="runDirectory"/> to resume, refusing a run of the
    /// other kind: <c>latent train</c> runs resume with <c>train</c>, fine-tuning runs with <c>finetune</c>.
    /// </summary>
    public static RunConfig LoadForResume(string runDirectory, bool fineTuning)
    {
        if (!Directory.Exists(runDirectory)) throw new UsageException($"--resume: {runDirectory}: no such run folder.");
        var config = RunConfig.Load(runDirectory);
        if (fineTuning && config.FineTuning is null)
            throw new UsageException($"{runDirectory} holds a '{config.Model}' run from 'latent train', not a fine-tuning run; continue it with: latent train --resume --out {runDirectory}");
        if (!fineTuning && config.FineTuning is not null)
            throw new UsageException($"{runDirectory} holds a fine-tuning run; continue it with: latent finetune {runDirectory} --resume");
        return config;
    }

    /// <summary>
    /// Takes the run folder for this command (see <see cref="RunFolder"/>): refuses a folder another
    /// process is writing, a folder of other files, and an existing run without --overwrite or --resume.
    /// Call it only once every input is checked; on failure before the first checkpoint call <see cref="RunFolder.Abandon"/>.
    /// </summary>
    public static RunFolder OpenFolder(string runDirectory, bool resume, bool overwrite) =>
        RunFolder.Open(runDirectory, resume ? RunFolderMode.Resume : overwrite ? RunFolderMode.Overwrite : RunFolderMode.New);

    /// <summary>
    /// Trains <paramref name="model"/> into <paramref name="folder"/> with progress shown by <paramref name="display"/>.
    /// Null when interrupted (a checkpoint was saved and <paramref name="resumeCommand"/> is shown).
    /// </summary>
    public static TrainingResult? Fit(ITrainable model, Dataset train, Dataset? validation, string validationName, RunFolder folder,
        TrainerOptions options, bool resume, string resumeCommand, CliContext context, ITrainingDisplay display)
    {
        var trainer = new Trainer(options, folder.Path, display);
        trainer.CheckpointSaved += (_, _) => folder.Commit();
        TrainingResult result;
        try { result = display.Run(() => trainer.Fit(model, train, validation, validationName, resume, context.Cancellation)); }
        catch (TrainingDivergedException e) when (e.RecordedIn is not null)
        {
            if (!folder.KeepsRun)
            {
                // Diverged before the first checkpoint: the caller abandons the folder, failure.json with it.
                context.Error.WriteLine($"note: training diverged before its first checkpoint; {folder.Path} keeps nothing of this run.");
                throw new TrainingDivergedException(e.Epoch, e.Step, e.What);
            }
            // The folder keeps its last good checkpoint: its report shows the failure beside the epochs that finished.
            // The divergence stays the error (and exit code 1); a report that cannot be written is only a note.
            context.Error.WriteLine(RunReport.WriteAfterFailure(folder.Path) is { } problem
                ? $"note: {RunReport.FileName} not written: {problem}"
                : $"The run's report shows the failure: {Path.Combine(folder.Path, RunReport.FileName)}");
            throw;
        }
        if (result.Cancelled)
        {
            if (folder.Replacing && !folder.Committed)
            {
                folder.Abandon();
                context.Error.WriteLine($"Interrupted before the new run's first checkpoint; {folder.Path} keeps the run it held before.");
            }
            else context.Error.WriteLine($"Interrupted; checkpoint saved. Continue with: {resumeCommand}");
            return null;
        }
        if (result.Converged) context.Error.WriteLine($"Converged after epoch {result.EpochsCompleted}: further epochs would not change the model.");
        if (result.StoppedEarly) context.Error.WriteLine($"Stopped early after epoch {result.EpochsCompleted}: no improvement for {options.EarlyStoppingPatience} epochs.");
        if (result.BestEpoch > 0) context.Error.WriteLine($"The model keeps the weights of epoch {result.BestEpoch}, the best by {validationName} loss.");
        return result;
    }
}
