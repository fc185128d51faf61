using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;

namespace HubSpotCrm.Api.Idempotency;

/// <summary>
/// A SHA-256 of a JSON body in canonical form: no insignificant whitespace, the members of every object in ordinal
/// order, and every number written one way for its value (1500, 1500.0 and 1.5e3 are one number; see
/// <see cref="CanonicalNumber"/>). A retry that re-serializes the same body differently is still the same body; a
/// changed value, member or array order is not.
/// </summary>
public static class CanonicalJson
{
    private const int MaxPlainDigits = 64;

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
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// One spelling per value, exact (decimal digits, never a double, so 0.1 and 0.10000000000000001 stay two
    /// numbers): no sign on zero, no leading or trailing zeros, and plain digits as long as they are at most
    /// <see cref="MaxPlainDigits"/> long, otherwise one digit, the rest and the exponent (1.5e400). A number written
    /// plainly and without needless zeros keeps its spelling, so a body hashed before numbers were made canonical
    /// hashes the same now.
    /// </summary>
    private static string CanonicalNumber(string json)
    {
        var negative = json.StartsWith('-');
        var unsigned = negative ? json[1..] : json;
        var e = unsigned.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? unsigned : unsigned[..e];
        var exponent = e < 0 ? BigInteger.Zero : BigInteger.Parse(unsigned[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var digits = ((point < 0 ? mantissa : mantissa[..point]) + fraction).TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }
        var significant = digits.TrimEnd('0');
        exponent += digits.Length - significant.Length - fraction.Length;

        // The value is significant × 10^exponent, and that pair is the same for every spelling of it.
        var integerDigits = significant.Length + exponent;
        var text = exponent >= 0 && integerDigits <= MaxPlainDigits ? significant + new string('0', (int)exponent)
            : exponent < 0 && integerDigits > 0 ? $"{significant[..(int)integerDigits]}.{significant[(int)integerDigits..]}"
            : exponent < 0 && -exponent <= MaxPlainDigits ? $"0.{new string('0', (int)-integerDigits)}{significant}"
            : $"{significant[..1]}{(significant.Length > 1 ? "." + significant[1..] : "")}e{(integerDigits - 1).ToString(CultureInfo.InvariantCulture)}";
        return negative ? "-" + text : text;
    }
}
