namespace HubSpotCrm.Contracts.Events;

public sealed record TicketsCreated(Guid RequestId, string ContactId, IReadOnlyList<TicketOutcome> Tickets);
