using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <summary>Create tickets for one contact.</summary>
/// <param name="DealIds">Deals to link every ticket to; all of the contact's deals when omitted.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateTickets(
    [property: JsonRequired] Guid RequestId,
    [property: JsonRequired] string ContactId,
    [property: JsonRequired] IReadOnlyList<TicketInput> Tickets,
    IReadOnlyList<string>? DealIds = null) : ICommand;
