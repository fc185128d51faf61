namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>HubSpot's batch envelope; a 207 adds per-input errors.</summary>
public sealed record BatchResponse(List<HubSpotObject> Results, List<BatchError>? Errors = null);
