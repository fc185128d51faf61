using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <summary>Create or update deals of one contact; a deal is matched by its name among the contact's deals.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpsertDeals(
    [property: JsonRequired] Guid RequestId,
    [property: JsonRequired] string ContactId,
    [property: JsonRequired] IReadOnlyList<DealInput> Deals) : ICommand;
