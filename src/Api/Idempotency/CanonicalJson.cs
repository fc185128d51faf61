using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace HubSpotCrm.Api.Idempotency;

/// <summary>
/// A SHA-256 of a JSON body in canonical form: no insignificant whitespace and the members of every object in
/// ordinal order. A retry that re-serializes the same body differently is still the same body; a changed value,
/// member or array order is not.
/// </summary>
public static class CanonicalJson
{
    public static byte[] Sha256(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true }))
        {
            Write(root, writer);
        }
        return SHA256.HashData(buffer.WrittenSpan);
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    Write(member.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
