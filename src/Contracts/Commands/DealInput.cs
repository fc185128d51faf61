using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <param name="Pipeline">HubSpot pipeline id; HubSpot's default pipeline when omitted.</param>
/// <param name="Properties">Further HubSpot deal properties by internal name.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DealInput(
    [property: JsonRequired] string Dealname,
    [property: JsonRequired] decimal Amount,
    [property: JsonRequired] string Dealstage,
    string? Pipeline = null,
    IReadOnlyDictionary<string, string>? Properties = null);
