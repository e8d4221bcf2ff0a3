using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClipAudit.Metrics;

/// <summary>
/// Writes a <see cref="Grouping"/> as its name (<c>"race × gender"</c>, <c>"overall"</c>) and reads it back with
/// <see cref="Grouping.Parse"/>: the file form of the records that always held the name. Also as a dictionary key.
/// </summary>
internal sealed class GroupingNameJsonConverter : JsonConverter<Grouping>
{
    public override Grouping Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A grouping must be a string such as \"race\", \"race × gender\" or \"overall\"."));

    public override void Write(Utf8JsonWriter writer, Grouping value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);

    public override Grouping ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Grouping value, JsonSerializerOptions options) => writer.WritePropertyName(value.Name);

    private static Grouping Parse(string name)
    {
        try
        {
            return Grouping.Parse(name);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }
}
