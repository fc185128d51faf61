namespace HubSpotCrm.Contracts.Events;

/// <param name="Domain">The domain as normalized, which the company is matched by.</param>
/// <param name="Created">True when HubSpot created the company, false when it updated an existing one.</param>
/// <param name="ContactIds">The contacts the company is now linked to by this command.</param>
public sealed record CompanyUpserted(Guid RequestId, string CompanyId, string Domain, bool Created, IReadOnlyList<string> ContactIds);
