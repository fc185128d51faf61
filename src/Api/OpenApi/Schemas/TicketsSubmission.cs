using System.ComponentModel;

namespace HubSpotCrm.Api.OpenApi.Schemas;

/// <summary>Documents the body of POST /api/v1/hubspot/tickets; the endpoint reads the JSON itself.</summary>
[Description("Tickets of one contact, linked to the contact and to the given deals (all of the contact's deals when dealIds is omitted).")]
public sealed record TicketsSubmission
{
    [Description("The HubSpot id of the contact (digits; a JSON string or number).")]
    public required string ContactId { get; init; }

    [Description("HubSpot deal ids to link every ticket to; up to 100 (the configured cap).")]
    public IReadOnlyList<string>? DealIds { get; init; }

    [Description("1 to 100 tickets (the configured cap).")]
    public required IReadOnlyList<TicketItem> Tickets { get; init; }
}
