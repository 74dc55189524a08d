using LatentSharp.Cli.CommandLine;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Cli.Commands;

/// <summary>Opens a run folder's model for the commands that use a trained model.</summary>
internal static class RunLoader
{
    public static (IModel Model, RunConfig Config) Load(string runDirectory, Device device)
    {
        if (!Directory.Exists(runDirectory)) throw new UsageException($"{runDirectory}: no such run folder.");
        var config = RunConfig.Load(runDirectory);
        var modelPath = Path.Combine(runDirectory, Trainer.ModelFileName);
        if (!File.Exists(modelPath)) throw new UsageException($"{runDirectory} has no {Trainer.ModelFileName} yet (no epoch has finished).");
        var model = ModelFile.Load(modelPath, device);
        if (model.Name != config.Model)
        {
            model.Dispose();
            throw new UsageException($"{modelPath} holds a '{model.Name}' but {RunConfig.FileName} says '{config.Model}'.");
        }
        return (model, config);
    }

    /// <summary>
    /// Refuses data the run's model cannot take (another sample shape, values its loss cannot
    /// score): every command that applies a run to data calls this before any work, so the user
    /// gets one line naming both sample shapes instead of a libtorch error.
    /// </summary>
    public static void CheckData(IModel model, DataSplit data)
    {
        DataChecks.Check(model, data.Train);
        if (data.Test is not null) DataChecks.Check(model, data.Test);
    }

    /// <summary>Refuses data whose samples do not have the shape <paramref name="inputShape"/> of <paramref name="model"/> (a run not loaded yet, or an encoder reused).</summary>
    public static void CheckShape(string model, long[] inputShape, DataSplit data)
    {
        DataChecks.CheckShape(model, inputShape, data.Train);
        if (data.Test is not null) DataChecks.CheckShape(model, inputShape, data.Test);
    }

    /// <summary>The model as capability <typeparamref name="T"/>, or a clear refusal.</summary>
    public static T As<T>(IModel model, string verb) where T : class =>
        model as T ?? throw new UsageException($"'{model.Name}' cannot {verb}.");
}
