using System.Reflection;
using System.Text.Json;
using LatentSharp.Options;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// Saves and loads a model as one safetensors file: its state tensors plus metadata naming the
/// model, its options and input shape, so the file alone rebuilds the model (and Python's
/// <c>safetensors</c> reads the weights).
/// </summary>
public static class ModelFile
{
    /// <summary>Format tag written into every model file.</summary>
    public const string Format = "latentsharp-model/1";

    internal const string FormatKey = "latentsharp.format", ModelKey = "latentsharp.model",
        OptionsKey = "latentsharp.options", InputShapeKey = "latentsharp.input_shape", VersionKey = "latentsharp.version";

    /// <summary>The library version written into files.</summary>
    public static string LibraryVersion { get; } =
        typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(IModel model, string path) =>
        SafeTensorsFile.Write(path, model.State, Describe(model));

    /// <summary>Rebuilds a model from a file written by <see cref="Save"/>.</summary>
    /// <exception cref="CheckpointException">Missing, corrupted, not a model file, or an unknown model.</exception>
    public static IModel Load(string path, Device? device = null) => Rebuild(SafeTensorsFile.Read(path), path, device);

    /// <summary>Rebuilds a model from a model file's bytes in <paramref name="stream"/> (e.g. an embedded resource); <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointException">Truncated, corrupted, not a model file, or an unknown model.</exception>
    public static IModel Load(Stream stream, string path, Device? device = null) => Rebuild(SafeTensorsFile.Read(stream, path), path, device);

    static IModel Rebuild((Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) file, string path, Device? device)
    {
        var (tensors, metadata) = file;
        try
        {
            var (descriptor, options, inputShape) = ReadDescription(metadata, path);
            var model = ModelCatalog.Create(descriptor.Name, options, inputShape, device ?? CPU, seed: 0);
            try
            {
                CopyState(model.State, tensors, path, "model");
            }
            catch
            {
                model.Dispose();
                throw;
            }
            return model;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>The metadata that identifies a model.</summary>
    internal static Dictionary<string, string> Describe(IModel model) => new()
    {
        [FormatKey] = Format,
        [ModelKey] = model.Name,
        [OptionsKey] = OptionsJson.Serialize(model.Options),
        [InputShapeKey] = JsonSerializer.Serialize(model.InputShape),
        [VersionKey] = LibraryVersion,
    };

    internal static (ModelDescriptor Descriptor, ModelOptions Options, long[] InputShape) ReadDescription(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(ModelKey, out var name) || !metadata.TryGetValue(OptionsKey, out var optionsJson) ||
            !metadata.TryGetValue(InputShapeKey, out var shapeJson))
            throw new CheckpointException($"{path}: not a LatentSharp model file (no model name, options or input shape in its metadata).");
        ModelDescriptor descriptor;
        try { descriptor = ModelCatalog.Get(name); }
        catch (UnknownModelException e) { throw new CheckpointException($"{path}: {e.Message}"); }
        try
        {
            var options = OptionsJson.Deserialize(optionsJson, descriptor.OptionsType);
            var shape = JsonSerializer.Deserialize<long[]>(shapeJson) ?? throw new FormatException("no input shape");
            return (descriptor, options, shape);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw new CheckpointException($"{path}: the stored options of '{name}' are invalid: {e.Message}");
        }
    }

    /// <summary>
    /// Copies loaded tensors into a model's live state, refusing missing or unexpected names and
    /// shape or dtype mismatches (which mean the file belongs to another model or configuration).
    /// </summary>
    internal static void CopyState(IReadOnlyDictionary<string, Tensor> live, IReadOnlyDictionary<string, Tensor> loaded, string path, string what, string prefix = "")
    {
        var expected = live.Keys.Select(k => prefix + k).ToHashSet();
        var present = loaded.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToHashSet();
        var missing = expected.Except(present).ToList();
        var unexpected = present.Except(expected).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new CheckpointException($"{path} does not fit this {what}: " +
                (missing.Count > 0 ? $"missing {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}" : "") +
                (missing.Count > 0 && unexpected.Count > 0 ? "; " : "") +
                (unexpected.Count > 0 ? $"unexpected {string.Join(", ", unexpected.Take(5))}{(unexpected.Count > 5 ? ", ..." : "")}" : "") +
                ". It was written by another model or configuration.");
        foreach (var (name, target) in live)
        {
            var source = loaded[prefix + name];
            if (!source.shape.SequenceEqual(target.shape) || source.dtype != target.dtype)
                throw new CheckpointException($"{path} does not fit this {what}: '{name}' is {source.dtype} [{string.Join(", ", source.shape)}] in the file but {target.dtype} [{string.Join(", ", target.shape)}] in the {what}.");
        }
        using var noGrad = no_grad();
        foreach (var (name, target) in live)
            target.copy_(loaded[prefix + name]);
    }
}
