namespace HubSpotEmulator.Configuration;

internal static class RuntimeSettingsValidator
{
    public static List<string> Validate(RuntimeSettings settings)
    {
        var problems = new List<string>();
        var limits = settings.RateLimits;
        Require(limits.TenSecondly >= 1, "rateLimits.tenSecondly must be at least 1", problems);
        Require(limits.Daily >= 0, "rateLimits.daily must be 0 (off) or more", problems);
        Require(limits.SearchPerSecond >= 1, "rateLimits.searchPerSecond must be at least 1", problems);
        Require(settings.Search.IndexingLagMs is >= 0 and <= 600_000, "search.indexingLagMs must be between 0 and 600000", problems);
        Require(settings.OAuth.AccessTokenLifetimeSeconds >= 1, "oauth.accessTokenLifetimeSeconds must be at least 1", problems);
        var faults = settings.Faults;
        Require(faults.LatencyMs is >= 0 and <= 600_000, "faults.latencyMs must be between 0 and 600000", problems);
        Require(faults.JitterMs is >= 0 and <= 600_000, "faults.jitterMs must be between 0 and 600000", problems);
        Require(faults.ResponseDelayMs is >= 0 and <= 600_000, "faults.responseDelayMs must be between 0 and 600000", problems);
        Require(faults.ErrorRate is >= 0 and <= 1, "faults.errorRate must be between 0 and 1", problems);
        Require(faults.LockRate is >= 0 and <= 1, "faults.lockRate must be between 0 and 1", problems);
        Require(faults.ErrorStatuses.Count > 0, "faults.errorStatuses must not be empty", problems);
        Require(faults.ErrorStatuses.All(static s => s is >= 500 and <= 599), "faults.errorStatuses must all be 5xx statuses", problems);
        Require(Enum.IsDefined(faults.Down), "faults.down must be off, refuse or hang", problems);
        Require(faults.Rules.All(static r => !string.IsNullOrWhiteSpace(r.Path)), "faults.rules[].path must not be empty", problems);
        Require(faults.Rules.All(static r => r.Status is 403 or (>= 500 and <= 599)), "faults.rules[].status must be 403 or a 5xx status", problems);
        return problems;
    }

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
