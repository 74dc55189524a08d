using LatentSharp.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training.Checkpoints;

namespace LatentSharp.Training;

/// <summary>
/// A run folder's config.json: which model with which hyper-parameters, trained on what data
/// with which trainer settings. Enough to resume the run or to rebuild the model.
/// </summary>
public sealed record RunConfig
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "config.json";

    /// <summary>Registry name of the model.</summary>
    public required string Model { get; init; }

    /// <summary>The model's options as JSON (the shape of its options record).</summary>
    public required JsonObject Options { get; init; }

    /// <summary>Shape of one input sample.</summary>
    public required long[] InputShape { get; init; }

    /// <summary>The data source the run was trained on, as given (name or path).</summary>
    public required string Data { get; init; }

    /// <summary>A separate test file, when one was given.</summary>
    public string? TestData { get; init; }

    /// <summary>The CSV label column, when one was given.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Fraction of the training data held out for validation (0 = validate on the test split).</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Sample counts and reader notes of the data as trained on; null in runs written before it was kept.</summary>
    public RunDataDescription? DataDescription { get; init; }

    /// <summary>Trainer settings.</summary>
    public required TrainerOptions Trainer { get; init; }

    /// <summary>Set for a fine-tuning run (<c>latent finetune</c>): its start and labelled subset; null otherwise.</summary>
    public FineTuningConfig? FineTuning { get; init; }

    /// <summary>Device name used, e.g. <c>cpu</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Library version that wrote the run.</summary>
    public string LibraryVersion { get; init; } = ModelFile.LibraryVersion;

    /// <summary>The model's options as their record type.</summary>
    public ModelOptions ModelOptions() => OptionsJson.Deserialize(Options.ToJsonString(), ModelCatalog.Get(Model).OptionsType);

    /// <summary>Writes config.json in <paramref name="runDirectory"/> atomically.</summary>
    public void Save(string runDirectory) =>
        AtomicFile.WriteText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, OptionsJson.Settings));

    /// <summary>Reads config.json from <paramref name="runDirectory"/>.</summary>
    /// <exception cref="CheckpointException">Missing or unreadable.</exception>
    public static RunConfig Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
            throw new CheckpointException($"{runDirectory} is not a run folder: it has no {FileName}.");
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), OptionsJson.Settings)
                   ?? throw new CheckpointException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path} is not a valid run config: {e.Message}");
        }
    }

    /// <summary>Builds the config for a model.</summary>
    public static RunConfig For(IModel model, string data, TrainerOptions trainer) => new()
    {
        Model = model.Name,
        Options = JsonNode.Parse(OptionsJson.Serialize(model.Options))!.AsObject(),
        InputShape = model.InputShape,
        Data = data,
        Trainer = trainer,
    };
}
