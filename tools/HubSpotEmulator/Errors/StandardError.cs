namespace HubSpotEmulator.Errors;

/// <summary>One entry of <c>errors[]</c> in a 207 multi-status batch response.</summary>
internal sealed record StandardError(
    string Status,
    string Category,
    string Message,
    IReadOnlyDictionary<string, string[]>? Context,
    string? SubCategory = null);
