using System.Buffers.Binary;
using System.Buffers.Text;

namespace HubSpotCrm.Api.Requests;

/// <summary>
/// Where a page of requests ended: the last row's created_at and id. The one format of the request list's cursor
/// (<c>next</c>, passed back as <c>after</c>): unpadded base64url (RFC 4648 §5) of 24 bytes, created_at in UTC ticks
/// (big-endian int64) then the id (16 bytes, big-endian). Callers get it as an opaque string: its inside may change
/// between versions.
/// </summary>
public sealed record RequestCursor(DateTimeOffset CreatedAt, Guid Id)
{
    private const int TicksBytes = 8;
    private const int Length = TicksBytes + 16;

    public static RequestCursor From(RequestRecord record) => new(record.CreatedAt, record.Id);

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.UtcTicks);
        Id.TryWriteBytes(bytes[TicksBytes..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static RequestCursor? TryDecode(string text)
    {
        // IsValid first: the decoder throws on some characters and lets others (+, /) through.
        if (!Base64Url.IsValid(text, out var decodedLength) || decodedLength != Length)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[Length];
        Base64Url.DecodeFromChars(text, bytes);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }
        return new RequestCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[TicksBytes..], bigEndian: true));
    }
}
