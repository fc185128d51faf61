using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>
/// The one format of the read path's cursors, the combined one (<c>after</c>) and each type's own
/// (<c>contactsAfter</c>, …): unpadded base64url (RFC 4648 §5) of ASCII text listing a <see cref="KeysetPosition"/>
/// per type as <c>type:createdAtMs:id</c>, comma-separated in <see cref="NewObjectType.All"/> order, e.g.
/// <c>contacts:1767225600000:101,deals:1767225600123:2001</c>. A type's own cursor lists that type only. Callers get
/// it as an opaque string: its inside may change between versions.
/// </summary>
public static class NewObjectsCursor
{
    private const char EntrySeparator = ',';
    private const char FieldSeparator = ':';

    /// <returns>The cursor, or null when no type has a position yet.</returns>
    public static string? Encode(IReadOnlyDictionary<string, KeysetPosition> positions)
    {
        var entries = NewObjectType.All
            .Where(type => positions.ContainsKey(type.Name))
            .Select(type => string.Create(CultureInfo.InvariantCulture,
                $"{type.Name}{FieldSeparator}{positions[type.Name].CreatedAtMs}{FieldSeparator}{positions[type.Name].Id}"))
            .ToList();
        return entries.Count == 0 ? null : Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Join(EntrySeparator, entries)));
    }

    /// <returns>The positions by type name, or null when <paramref name="text"/> is not a cursor this service issued.</returns>
    public static IReadOnlyDictionary<string, KeysetPosition>? TryDecode(string text)
    {
        // IsValid first: the decoder throws on some characters and lets others (+, /) through.
        if (!Base64Url.IsValid(text, out var length) || length == 0)
        {
            return null;
        }
        var positions = new Dictionary<string, KeysetPosition>(StringComparer.Ordinal);
        foreach (var entry in Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(EntrySeparator))
        {
            var fields = entry.Split(FieldSeparator);
            if (fields.Length != 3 || !NewObjectType.All.Any(type => type.Name == fields[0]) ||
                !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var createdAtMs) ||
                !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ||
                !positions.TryAdd(fields[0], new KeysetPosition(createdAtMs, id)))
            {
                return null;
            }
        }
        return positions;
    }
}
