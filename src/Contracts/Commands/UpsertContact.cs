using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <summary>Create or update one HubSpot contact, matched by email.</summary>
/// <param name="RequestId">Caller-chosen id; every result event carries it back.</param>
/// <param name="Email">The contact's email, HubSpot's unique key for contacts.</param>
/// <param name="Properties">HubSpot contact properties by internal name (firstname, lastname, phone, …).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpsertContact(
    [property: JsonRequired] Guid RequestId,
    [property: JsonRequired] string Email,
    IReadOnlyDictionary<string, string>? Properties = null) : ICommand;
