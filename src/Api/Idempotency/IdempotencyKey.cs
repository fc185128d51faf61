using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Api.Idempotency;

/// <summary>
/// The Idempotency-Key header of a submission: 1 to 255 visible ASCII characters without commas (a comma would
/// join two header lines into one value). A UUID per logical submission is what callers should send.
/// </summary>
public static partial class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    public const string Rule = "The Idempotency-Key header must be 1 to 255 visible ASCII characters, without spaces or commas, " +
                               "and sent once; a UUID per submission is recommended.";

    /// <summary>True when <paramref name="value"/> may be used as a key.</summary>
    public static bool IsValid(string value) => KeyPattern().IsMatch(value);

    /// <summary>
    /// The request id a submission with a key stands for: derived from the client, the key, the route and the body,
    /// not drawn, so that a retry after a 503 gets the id the refused attempt had. When that attempt's command reached
    /// the broker after all (its confirm lost with the connection), the Worker's per-request keys and the stored
    /// result make the retry land on the same request instead of creating a second ticket. The body is part of it so
    /// that a key used again for something else (after retention deleted its first request) is a new request.
    /// </summary>
    public static Guid RequestIdFor(string client, string key, string kind, byte[] bodyHash)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{client.Length}:{client}{key.Length}:{key}{kind}:{Convert.ToHexString(bodyHash)}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8: a name-based id of our own
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    [GeneratedRegex(@"^[\x21-\x2B\x2D-\x7E]{1,255}$")]
    private static partial Regex KeyPattern();
}
