using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <summary>
/// Up to 100 UpsertContact commands in one message, for a publisher with many contacts at once: each is carried out
/// and answered on its own, as if sent alone, for one message's cost on the broker instead of 100.
/// </summary>
/// <param name="Contacts">The contacts, each with its own request id.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpsertContacts([property: JsonRequired] IReadOnlyList<UpsertContact> Contacts) : IBulkCommand
{
    /// <summary>The most contacts one message carries: HubSpot's batch size, one call per message.</summary>
    public const int MaxContacts = 100;

    IEnumerable<Guid> IBulkCommand.RequestIds => Contacts.Select(c => c.RequestId);
}
