namespace HubSpotCrm.Contracts.Events;

/// <param name="Created">True when the deal was created, false when an existing deal of the contact was updated.</param>
public sealed record DealOutcome(string DealId, string Dealname, bool Created);
