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

    [GeneratedRegex(@"^[\x21-\x2B\x2D-\x7E]{1,255}$")]
    private static partial Regex KeyPattern();
}
