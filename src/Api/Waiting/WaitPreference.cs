using System.Globalization;

namespace HubSpotCrm.Api.Waiting;

/// <summary>
/// The <c>wait</c> preference of RFC 7240 <c>Prefer</c> headers, e.g. <c>Prefer: respond-async, wait=10</c>. As the RFC
/// asks, the first <c>wait</c> counts, other preferences are ignored, and a malformed one is ignored rather than refused.
/// </summary>
public static class WaitPreference
{
    public const string PreferHeader = Submissions.PreferHeader.Name;
    public const string PreferenceAppliedHeader = Submissions.PreferHeader.AppliedName;

    /// <summary>The requested wait in seconds, or null when none (or none that makes sense) was asked for.</summary>
    public static int? Parse(string? prefer)
    {
        foreach (var (name, value) in Submissions.PreferHeader.Preferences(prefer))
        {
            if (!name.Equals("wait", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            return value.Length is > 0 and <= 9 && value.All(char.IsAsciiDigit)
                ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)
                : null;
        }
        return null;
    }

    /// <summary>The wait granted: the requested one, cut to <paramref name="maxSeconds"/>; null for no wait.</summary>
    public static int? Grant(string? prefer, int maxSeconds) => Parse(prefer) is int seconds and > 0 ? Math.Min(seconds, maxSeconds) : null;
}
