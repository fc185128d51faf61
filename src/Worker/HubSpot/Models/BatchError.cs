namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>
/// One failed input of a batch (HubSpot's StandardError). <see cref="Context"/> names it, e.g. objectWriteTraceId or
/// ids. Only the fields the Worker uses are read: the specs type subCategory as an object here and as a string
/// elsewhere, and a field the Worker does not declare cannot fail the whole batch's answer.
/// </summary>
public sealed record BatchError(
    string? Category,
    string? Message,
    Dictionary<string, List<string>>? Context = null)
{
    public IReadOnlyList<string> ContextValues(string key) =>
        Context is not null && Context.TryGetValue(key, out var values) ? values : [];
}
