namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>One failed input of a batch. <see cref="Context"/> names it, e.g. objectWriteTraceId or ids.</summary>
public sealed record BatchError(
    string? Status,
    string? Category,
    string? Message,
    Dictionary<string, List<string>>? Context = null,
    string? SubCategory = null)
{
    public IReadOnlyList<string> ContextValues(string key) =>
        Context is not null && Context.TryGetValue(key, out var values) ? values : [];
}
