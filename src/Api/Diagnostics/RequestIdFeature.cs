namespace HubSpotCrm.Api.Diagnostics;

/// <summary>The request an HTTP call is about: the id in its route, or the id a submission will be stored under.</summary>
public sealed record RequestIdFeature(Guid RequestId);
