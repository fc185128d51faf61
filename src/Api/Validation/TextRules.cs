using System.Buffers;
using System.Text;

namespace HubSpotCrm.Api.Validation;

/// <summary>
/// Characters no CRM field should hold: control characters (they corrupt exports and logs), broken UTF-16,
/// Unicode non-characters, and bidirectional overrides (they make text display differently from what it is).
/// </summary>
public static class TextRules
{
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
            if (IsNonCharacter(rune.Value) || rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
            {
                return "must not contain Unicode non-characters or bidirectional override characters";
            }
        }
        return null;
    }

    private static bool IsNonCharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
