namespace HubSpotEmulator.Properties;

internal sealed record PropertyListResponse(IReadOnlyList<PropertyDefinition> Results);
