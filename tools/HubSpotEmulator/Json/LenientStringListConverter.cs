using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubSpotEmulator.Json;

/// <summary>A list whose items may be strings, numbers or booleans, e.g. search <c>values</c>.</summary>
internal sealed class LenientStringListConverter : JsonConverter<IReadOnlyList<string?>>
{
    private static readonly LenientStringConverter Items = new();

    public override IReadOnlyList<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an array.");
        }

        var items = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(Items.Read(ref reader, typeof(string), options));
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string?> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            Items.Write(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
