using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubSpotEmulator.Search;

internal sealed record SortRule(string PropertyName, bool Descending);

/// <summary>
/// HubSpot's spec types <c>sorts</c> as strings (<c>"-createdate"</c>) while its SDKs send
/// <c>{"propertyName":"createdate","direction":"DESCENDING"}</c>: both are read.
/// </summary>
internal sealed class SortRulesConverter : JsonConverter<IReadOnlyList<SortRule>>
{
    public override IReadOnlyList<SortRule> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("sorts must be an array.");
        }

        var rules = new List<SortRule>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            rules.Add(reader.TokenType == JsonTokenType.String ? FromText(reader.GetString()!) : FromObject(ref reader));
        }

        return rules;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<SortRule> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var rule in value)
        {
            writer.WriteStartObject();
            writer.WriteString("propertyName", rule.PropertyName);
            writer.WriteString("direction", rule.Descending ? "DESCENDING" : "ASCENDING");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static SortRule FromText(string text) =>
        text.StartsWith('-') ? new SortRule(text[1..], Descending: true) : new SortRule(text, Descending: false);

    private static SortRule FromObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Each sort must be a string or an object.");
        }

        string? property = null;
        var descending = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "propertyName", StringComparison.OrdinalIgnoreCase))
            {
                property = reader.GetString();
            }
            else if (string.Equals(name, "direction", StringComparison.OrdinalIgnoreCase))
            {
                descending = reader.GetString() switch
                {
                    "DESCENDING" => true,
                    "ASCENDING" => false,
                    var other => throw new JsonException($"direction must be ASCENDING or DESCENDING, not {other}."),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return new SortRule(property ?? throw new JsonException("A sort needs a propertyName."), descending);
    }
}
