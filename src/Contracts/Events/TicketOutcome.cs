namespace HubSpotCrm.Contracts.Events;

/// <param name="DealIds">The deals the ticket is linked to.</param>
/// <param name="Created">False when the ticket already existed from an earlier delivery of the same command.</param>
public sealed record TicketOutcome(string TicketId, string Subject, IReadOnlyList<string> DealIds, bool Created);
