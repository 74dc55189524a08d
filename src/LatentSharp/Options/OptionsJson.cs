using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentSharp.Options;

/// <summary>The one JSON form of options records (config.json, model metadata).</summary>
public static class OptionsJson
{
    /// <summary>Serializer settings: camelCase names, enums as kebab-case strings, unknown fields refused, text unescaped.</summary>
    public static JsonSerializerOptions Settings { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Files for people, never embedded in HTML: schedules read as typed (linear:1e-3->1e-5, not -\u003E).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Options as JSON.</summary>
    public static string Serialize(ModelOptions options) => JsonSerializer.Serialize(options, options.GetType(), Settings);

    /// <summary>Reads options of <paramref name="type"/> and validates them.</summary>
    /// <exception cref="FormatException">The JSON does not describe valid options of that type.</exception>
    public static ModelOptions Deserialize(string json, Type type)
    {
        ModelOptions options;
        try
        {
            options = (ModelOptions?)JsonSerializer.Deserialize(json, type, Settings)
                      ?? throw new FormatException($"Empty {type.Name}.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid {type.Name}: {e.Message}", e);
        }
        options.Validate();
        return options;
    }
}
