using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubSpotEmulator.Json;

/// <summary>Reads an input <c>properties</c> object whose values may be strings, numbers, booleans or null.</summary>
internal sealed class PropertyMapConverter : JsonConverter<Dictionary<string, string?>>
{
    private static readonly LenientStringConverter Values = new();

    public override Dictionary<string, string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("properties must be a JSON object.");
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = Values.Read(ref reader, typeof(string), options);
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WritePropertyName(name);
            Values.Write(writer, text, options);
        }

        writer.WriteEndObject();
    }
}
