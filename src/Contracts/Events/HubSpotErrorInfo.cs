namespace HubSpotCrm.Contracts.Events;

/// <summary>What HubSpot said when it refused a call.</summary>
/// <param name="Status">The HTTP status HubSpot answered with.</param>
/// <param name="Category">HubSpot's error category, e.g. VALIDATION_ERROR.</param>
/// <param name="CorrelationId">HubSpot's correlation id, for HubSpot support.</param>
public sealed record HubSpotErrorInfo(int Status, string? Category, string? CorrelationId);
