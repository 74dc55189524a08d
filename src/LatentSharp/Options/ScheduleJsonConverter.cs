using System.Text.Json;
using System.Text.Json.Serialization;

namespace LatentSharp.Options;

/// <summary>
/// JSON of a <see cref="Schedule"/>: a constant as a plain number (the form options had before
/// schedules, so old config.json files load and unchanged options serialize unchanged), any other
/// schedule as its text.
/// </summary>
public sealed class ScheduleJsonConverter : JsonConverter<Schedule>
{
    /// <inheritdoc />
    public override Schedule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.TokenType switch
            {
                JsonTokenType.Number => Schedule.Constant(reader.GetDouble()),
                JsonTokenType.String => Schedule.Parse(reader.GetString()!),
                _ => throw new JsonException($"A schedule is a number or a string ({Schedule.Grammar}); got {reader.TokenType}."),
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Schedule value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsConstant) writer.WriteNumberValue(value.Start);
        else writer.WriteStringValue(value.ToString());
    }
}
