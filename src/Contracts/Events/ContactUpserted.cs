namespace HubSpotCrm.Contracts.Events;

/// <param name="Created">True when HubSpot created the contact, false when it updated an existing one.</param>
public sealed record ContactUpserted(Guid RequestId, string ContactId, string Email, bool Created);
