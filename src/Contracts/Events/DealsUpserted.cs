namespace HubSpotCrm.Contracts.Events;

public sealed record DealsUpserted(Guid RequestId, string ContactId, IReadOnlyList<DealOutcome> Deals);
