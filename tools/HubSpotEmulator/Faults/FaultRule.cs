namespace HubSpotEmulator.Faults;

/// <summary>
/// A partial outage or a missing scope: every CRM call whose path matches <see cref="Path"/> (a glob on the path
/// without its leading slash, <c>*</c> matching any characters, e.g. <c>crm/v3/objects/deals/batch/*</c>) is answered
/// with <see cref="Status"/> (403 in HubSpot's MISSING_SCOPES shape, or a 5xx), while every other call works.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
internal sealed record FaultRule(string Path, int Status)
{
    public bool Matches(PathString path)
    {
        var value = path.Value?.TrimStart('/') ?? "";
        return System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(Path.TrimStart('/'), value, ignoreCase: true);
    }
}
