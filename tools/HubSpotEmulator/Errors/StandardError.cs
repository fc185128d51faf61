namespace HubSpotEmulator.Errors;

/// <summary>
/// One entry of <c>errors[]</c> in a 207 multi-status batch response, shaped as the specs' StandardError: status,
/// category, message, context, errors and links are always there; subCategory only where HubSpot gives one.
/// </summary>
internal sealed record StandardError(
    string Status,
    string Category,
    string? SubCategory,
    string Message,
    IReadOnlyDictionary<string, string[]> Context,
    IReadOnlyList<ErrorDetail> Errors,
    IReadOnlyDictionary<string, string> Links);
