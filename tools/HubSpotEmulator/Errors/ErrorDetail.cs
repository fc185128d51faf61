namespace HubSpotEmulator.Errors;

internal sealed record ErrorDetail(string Message, string? Code, IReadOnlyDictionary<string, string[]>? Context);
