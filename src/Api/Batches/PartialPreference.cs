using HubSpotCrm.Api.Submissions;

namespace HubSpotCrm.Api.Batches;

/// <summary>
/// <c>Prefer: partial</c> on a bulk submission: accept its valid items and report the invalid ones, instead of refusing
/// the whole batch with 422 when any item is invalid.
/// </summary>
public static class PartialPreference
{
    public const string Token = "partial";

    public static bool IsRequested(string? prefer) =>
        PreferHeader.Preferences(prefer).Any(p => p.Name.Equals(Token, StringComparison.OrdinalIgnoreCase));
}
