namespace HubSpotEmulator.Errors;

/// <summary>One invalid property value; <see cref="Code"/> is HubSpot's error code such as INVALID_OPTION.</summary>
internal sealed record PropertyProblem(string Name, string Code, string Message);
