using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClipAudit.Metrics;

/// <summary>
/// Writes a <see cref="Measure"/> as its id (<c>"harm:crime-related"</c>) and reads it back with <see cref="Measure.Parse"/>:
/// the file form of the records that always held the id, while the records themselves carry the typed measure.
/// </summary>
internal sealed class MeasureIdJsonConverter : JsonConverter<Measure>
{
    public override Measure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var id = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A measure id must be a string such as \"accuracy\" or \"harm:any\".");
        try
        {
            return Measure.Parse(id);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Measure value, JsonSerializerOptions options) => writer.WriteStringValue(value.Id);
}
