namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// The preferences of RFC 7240 <c>Prefer</c> headers, e.g. <c>Prefer: respond-async, wait=10, partial</c>: names and
/// values, parameters after ';' dropped, quotes around a value removed.
/// </summary>
public static class PreferHeader
{
    public const string Name = "Prefer";
    public const string AppliedName = "Preference-Applied";

    public static IEnumerable<(string Name, string Value)> Preferences(string? prefer)
    {
        if (string.IsNullOrEmpty(prefer))
        {
            yield break;
        }
        foreach (var preference in prefer.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var nameAndValue = preference.Split(';', 2)[0].Split('=', 2, StringSplitOptions.TrimEntries);
            yield return (nameAndValue[0], nameAndValue.Length == 2 ? nameAndValue[1].Trim('"') : "");
        }
    }
}
