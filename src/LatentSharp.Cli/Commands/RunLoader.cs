using LatentSharp.Cli.CommandLine;
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

    /// <summary>The model as capability <typeparamref name="T"/>, or a clear refusal.</summary>
    public static T As<T>(IModel model, string verb) where T : class =>
        model as T ?? throw new UsageException($"'{model.Name}' cannot {verb}.");
}
