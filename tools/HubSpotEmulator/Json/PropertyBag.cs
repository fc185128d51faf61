using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubSpotEmulator.Json;

/// <summary>
/// An object's <c>properties</c> as returned: the selected names in order (sorted, as HubSpot returns them),
/// written straight from the stored values without building a dictionary per response.
/// </summary>
[JsonConverter(typeof(PropertyBagConverter))]
internal sealed class PropertyBag(IReadOnlyList<string> names, IReadOnlyDictionary<string, string> values, bool writeMissingAsNull)
{
    public static PropertyBag All(IReadOnlyDictionary<string, string> values)
    {
        var names = values.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return new PropertyBag(names, values, writeMissingAsNull: false);
    }

    public IReadOnlyList<string> Names { get; } = names;

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public bool WriteMissingAsNull { get; } = writeMissingAsNull;
}

internal sealed class PropertyBagConverter : JsonConverter<PropertyBag>
{
    public override PropertyBag Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Property bags are only written.");

    public override void Write(Utf8JsonWriter writer, PropertyBag value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var name in value.Names)
        {
            if (value.Values.TryGetValue(name, out var text))
            {
                writer.WriteString(name, text);
            }
            else if (value.WriteMissingAsNull)
            {
                writer.WriteNull(name);
            }
        }

        writer.WriteEndObject();
    }
}
