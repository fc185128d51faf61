using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>
/// Where a page ended: the last object's createdate and id. The next page asks for objects created later, or at the
/// same time with a greater id, so paging never hits HubSpot's 10,000-result search cap and never skips ties.
/// Opaque to callers (base64url).
/// </summary>
public sealed record KeysetCursor(long CreatedAtMs, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{CreatedAtMs.ToString(CultureInfo.InvariantCulture)}:{Id.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryDecode(string? value, out KeysetCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split(':');
            if (parts.Length == 2 &&
                long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt) &&
                long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                cursor = new KeysetCursor(createdAt, id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
