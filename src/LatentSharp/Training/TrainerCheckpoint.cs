using System.Text.Json;
using LatentSharp.Models;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// trainer.safetensors: the model's state (<c>model.*</c>), its training state (<c>training.*</c>),
/// the training generator's state (<c>rng.training</c>) and, in the metadata, the model's description
/// and the run's position as JSON. Written atomically; read back only into a model of the same name
/// and hyper-parameters (fields added since are taken at their defaults), with the same seed and batch size.
/// </summary>
internal static class TrainerCheckpoint
{
    const string Format = "latentsharp-trainer/1", PositionKey = "latentsharp.position";
    const string ModelPrefix = "model.", TrainingPrefix = "training.", RngName = "rng.training";

    // The position holds +Infinity as "no best loss yet".
    static readonly JsonSerializerOptions PositionJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Save(string path, ITrainable model, Generator generator, TrainerPosition position)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (k, v) in model.State) tensors[ModelPrefix + k] = v;
        foreach (var (k, v) in model.TrainingState) tensors[TrainingPrefix + k] = v;
        using var rng = generator.get_state();
        tensors[RngName] = rng;
        var metadata = ModelFile.Describe(model);
        metadata[ModelFile.FormatKey] = Format;
        metadata[PositionKey] = JsonSerializer.Serialize(position, PositionJson);
        SafeTensorsFile.Write(path, tensors, metadata);
    }

    public static TrainerPosition Load(string path, ITrainable model, Generator generator, long seed, int batchSize)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"{path}: no checkpoint to resume from.");
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        try
        {
            if (metadata.GetValueOrDefault(ModelFile.FormatKey) != Format)
                throw new CheckpointException($"{path}: not a LatentSharp training checkpoint.");
            var savedModel = metadata.GetValueOrDefault(ModelFile.ModelKey);
            if (savedModel != model.Name)
                throw new CheckpointException($"{path}: a checkpoint of '{savedModel}', not of '{model.Name}'.");
            Options.ModelOptions savedOptions;
            try { savedOptions = Options.OptionsJson.Deserialize(metadata.GetValueOrDefault(ModelFile.OptionsKey) ?? "{}", model.Options.GetType()); }
            catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
            {
                throw new CheckpointException($"{path}: the checkpoint's hyper-parameters are unreadable: {e.Message}");
            }
            var differences = Options.OptionsComparison.Differences(savedOptions, model.Options);
            if (differences.Count > 0)
                throw new CheckpointException($"{path}: the checkpoint was trained with other hyper-parameters than this model's: {string.Join("; ", differences)}.");
            var position = JsonSerializer.Deserialize<TrainerPosition>(metadata.GetValueOrDefault(PositionKey) ?? "null", PositionJson)
                           ?? throw new CheckpointException($"{path}: the checkpoint has no position.");
            if (position.Seed != seed || position.BatchSize != batchSize)
                throw new CheckpointException($"{path}: the run used seed {position.Seed} and batch size {position.BatchSize}; resume with the same ones (got {seed} and {batchSize}).");
            ModelFile.CopyState(model.State, tensors, path, "model", ModelPrefix);
            ModelFile.CopyState(model.TrainingState, WithLegacyOptimizerNames(tensors, model.TrainingState), path, "model's training state", TrainingPrefix);
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

    /// <summary>
    /// Checkpoints written before optimisers had names kept a one-optimiser model's state without
    /// the <c>main.</c> prefix; such entries are read as the main optimiser's, so those runs resume.
    /// </summary>
    static IReadOnlyDictionary<string, Tensor> WithLegacyOptimizerNames(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, Tensor> live)
    {
        const string main = "main.";
        bool legacy = live.Keys.Any(k => k.StartsWith(main, StringComparison.Ordinal)) &&
                      !tensors.Keys.Any(k => k.StartsWith(TrainingPrefix + main, StringComparison.Ordinal));
        if (!legacy) return tensors;
        var mapped = new Dictionary<string, Tensor>();
        foreach (var (key, tensor) in tensors)
            mapped[key.StartsWith(TrainingPrefix, StringComparison.Ordinal) && live.ContainsKey(main + key[TrainingPrefix.Length..])
                ? TrainingPrefix + main + key[TrainingPrefix.Length..] : key] = tensor;
        return mapped;
    }
}
