namespace HubSpotEmulator.Errors;

/// <summary>HubSpot's error body: <c>status</c> is always the string "error"; empty parts are left out, as in captured responses.</summary>
internal sealed record ErrorBody(
    string Status,
    string Message,
    string CorrelationId,
    IReadOnlyDictionary<string, string[]>? Context,
    IReadOnlyList<ErrorDetail>? Errors,
    string Category,
    string? SubCategory);
