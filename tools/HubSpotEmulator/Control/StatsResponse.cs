namespace HubSpotEmulator.Control;

/// <summary><c>calls</c>: route key → status ("200", "429", "aborted") → count; <c>objects</c>: live (non-archived) objects per type.</summary>
internal sealed record StatsResponse(
    long TotalCalls,
    long Http429,
    long TokenRefreshes,
    IReadOnlyDictionary<string, SortedDictionary<string, long>> Calls,
    IReadOnlyDictionary<string, int> Objects);
