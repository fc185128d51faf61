using Microsoft.Extensions.Primitives;

namespace HubSpotCrm.Api.Authentication;

/// <summary>
/// Why a caller's key was refused: the reason counted in the metrics, and what the 401 tells the caller. None of them
/// repeats what was sent.
/// </summary>
public sealed record ApiKeyRefusal(string Reason, string Title, string Detail)
{
    public static readonly ApiKeyRefusal Missing = new("missing_key", "API key required",
        $"Send the key issued to your system in the {ApiKeyDefaults.HeaderName} header.");

    public static readonly ApiKeyRefusal WrongHeader = new("wrong_header", "API key required",
        $"This Api reads the key from the {ApiKeyDefaults.HeaderName} header only, never from Authorization. " +
        $"Send the key issued to your system in {ApiKeyDefaults.HeaderName}.");

    public static readonly ApiKeyRefusal SeveralKeys = new("several_keys", "API key not accepted",
        $"Send exactly one {ApiKeyDefaults.HeaderName} header holding one key.");

    public static readonly ApiKeyRefusal TooLong = new("key_too_long", "API key not accepted",
        $"The {ApiKeyDefaults.HeaderName} header is longer than any key can be ({ApiKeyOptions.MaximumKeyLength} characters).");

    public static readonly ApiKeyRefusal Invalid = new("invalid_key", "API key not accepted",
        $"The {ApiKeyDefaults.HeaderName} header does not hold a valid key. Send the key issued to your system.");

    /// <summary>
    /// What is wrong with the X-Api-Key values before any key is looked up, or null when there is one value to look up.
    /// A comma is how HTTP joins repeated headers into one, and no key holds one.
    /// </summary>
    public static ApiKeyRefusal? Inspect(StringValues keys, bool hasAuthorization) => keys switch
    {
        { Count: > 1 } => SeveralKeys,
        _ when string.IsNullOrWhiteSpace(keys) => hasAuthorization ? WrongHeader : Missing,
        _ when keys[0]!.Length > ApiKeyOptions.MaximumKeyLength => TooLong,
        _ when keys[0]!.Contains(',', StringComparison.Ordinal) => SeveralKeys,
        _ => null,
    };
}
