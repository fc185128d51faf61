namespace HubSpotCrm.Api.Diagnostics;

/// <summary>Marks endpoints that create a request, so its new id can be logged from the first line on.</summary>
public sealed class CreatesRequestMetadata;
