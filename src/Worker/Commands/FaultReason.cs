using System.Buffers;
using System.Globalization;
using System.Text;
using HubSpotCrm.Contracts.Rules;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// A refusal's reason quotes the message refused, and travels in the MT-Fault-Message header, in CommandFailed (which
/// the Api stores as jsonb) and in log lines. Whatever the message holds, a reason stays printable and short: every
/// character that would not show as itself is escaped (\u0000), a quoted value or name is cut at
/// <see cref="MaxQuotedLength"/> characters and the whole reason at <see cref="MaxLength"/>. So no message can make a
/// header too large for an AMQP frame, fill a log line, or carry U+0000 into PostgreSQL, which refuses it.
/// </summary>
public static class FaultReason
{
    public const int MaxLength = 1024;
    public const int MaxQuotedLength = 40;

    private const char Ellipsis = '…';

    /// <summary>A value or name from the message, in quotes, printable and at most <see cref="MaxQuotedLength"/> characters.</summary>
    public static string Quote(string text) => $"'{Printable(text, MaxQuotedLength)}'";

    /// <summary>A whole reason, printable and at most <paramref name="maxLength"/> characters.</summary>
    public static string Bound(string reason, int maxLength = MaxLength) => Printable(reason, maxLength);

    /// <summary>
    /// <paramref name="text"/> with every character that is not printable (or not a character at all: a lone
    /// surrogate) escaped, cut between characters so that, with the ellipsis that says so, it fits in
    /// <paramref name="maxLength"/>. Only what fits is ever read, so a huge text costs no more than a short one.
    /// </summary>
    private static string Printable(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        var rest = text.AsSpan();
        Span<char> escaped = stackalloc char[12];
        while (!rest.IsEmpty)
        {
            var printable = Rune.DecodeFromUtf16(rest, out var rune, out var consumed) == OperationStatus.Done && CrmText.IsPrintable(rune);
            var units = rest[..consumed];
            var piece = printable ? units : escaped[..Escape(units, escaped)];
            rest = rest[consumed..];
            var room = rest.IsEmpty ? maxLength : maxLength - 1;
            if (builder.Length + piece.Length > room)
            {
                builder.Append(Ellipsis);
                break;
            }
            builder.Append(piece);
        }
        return builder.ToString();
    }

    private static int Escape(ReadOnlySpan<char> units, Span<char> destination)
    {
        var written = 0;
        foreach (var unit in units)
        {
            destination[written++] = '\\';
            destination[written++] = 'u';
            ((int)unit).TryFormat(destination[written..], out var digits, "X4", CultureInfo.InvariantCulture);
            written += digits;
        }
        return written;
    }
}
