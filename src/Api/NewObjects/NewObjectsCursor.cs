using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace HubSpotCrm.Api.NewObjects;

/// <summary>
/// The single <c>after</c> cursor of the old service, now carrying the three per-type cursors the Worker issues
/// (opaque to callers: base64url of a small JSON object).
/// </summary>
public sealed record NewObjectsCursor(string? Contacts, string? Deals, string? Tickets)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web));

    public static bool TryDecode(string value, out NewObjectsCursor? cursor)
    {
        cursor = null;
        try
        {
            cursor = JsonSerializer.Deserialize<NewObjectsCursor>(Base64Url.DecodeFromChars(value), JsonSerializerOptions.Web);
            return cursor is not null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return false;
        }
    }

    public static string? EncodeOrNull(string? contacts, string? deals, string? tickets) =>
        contacts is null && deals is null && tickets is null ? null : new NewObjectsCursor(contacts, deals, tickets).Encode();

    public override string ToString() => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web));
}
