namespace HubSpotCrm.Worker.HubSpot.Models;

public sealed record PropertyDefinition(
    string Name,
    string Label,
    string Type,
    string FieldType,
    string GroupName,
    bool HasUniqueValue = false,
    string? Description = null);
