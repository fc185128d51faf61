namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>HubSpot's batch envelope; a 207 adds per-input errors.</summary>
public sealed record BatchResponse(string? Status, List<HubSpotObject> Results, int? NumErrors = null, List<BatchError>? Errors = null);
