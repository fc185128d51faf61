using System.Buffers;
using System.Text;

namespace HubSpotCrm.Contracts.Rules;

/// <summary>
/// Characters no CRM field should hold, one rule for the Api's bodies and the commands on the bus: control characters
/// (PostgreSQL refuses U+0000 outright; the others corrupt exports and log lines), broken UTF-16, Unicode
/// non-characters and bidirectional overrides (they make text display differently from what it is). Tab and line
/// breaks are allowed in multi-line text only. The schemas' formats crm-text and crm-multiline-text are this rule.
/// </summary>
public static class CrmText
{
    /// <summary>What is wrong with <paramref name="value"/>, or null when nothing is.</summary>
    public static string? FindProblem(string value, bool multiline)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                return "must be valid Unicode";
            }
            rest = rest[consumed..];
            if (Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t'))
            {
                return multiline
                    ? "must not contain control characters other than tab and line breaks"
                    : "must not contain control characters";
            }
            if (IsNonCharacter(rune.Value) || IsBidirectionalControl(rune.Value))
            {
                return "must not contain Unicode non-characters or bidirectional override characters";
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="rune"/> shows as itself on a line of text: not a control, override, line separator or non-character.</summary>
    public static bool IsPrintable(Rune rune) =>
        !Rune.IsControl(rune) && !IsNonCharacter(rune.Value) && !IsBidirectionalControl(rune.Value) && rune.Value is not (0x2028 or 0x2029);

    private static bool IsNonCharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static bool IsBidirectionalControl(int codePoint) => codePoint is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
