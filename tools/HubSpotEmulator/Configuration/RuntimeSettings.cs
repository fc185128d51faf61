using System.Text.Json.Serialization;
using HubSpotEmulator.Faults;

namespace HubSpotEmulator.Configuration;

/// <summary>The settings that tests and benchmarks change at run time through <c>/_emulator/settings</c>.</summary>
internal sealed record RuntimeSettings(
    RateLimitSettings RateLimits,
    SearchSettings Search,
    [property: JsonPropertyName("oauth")] OAuthSettings OAuth,
    FaultSettings Faults)
{
    public static RuntimeSettings From(EmulatorOptions options) => new(
        new RateLimitSettings(
            options.RateLimits.Enabled,
            options.RateLimits.TenSecondly,
            options.RateLimits.Daily,
            options.RateLimits.SearchPerSecond,
            options.RateLimits.SendRetryAfter),
        new SearchSettings(options.Search.IndexingLagMs),
        new OAuthSettings(options.OAuth.AccessTokenLifetimeSeconds, options.OAuth.RotateRefreshToken),
        new FaultSettings(
            options.Faults.LatencyMs,
            options.Faults.JitterMs,
            options.Faults.ResponseDelayMs,
            options.Faults.ErrorRate,
            options.Faults.ErrorStatuses,
            options.Faults.LockRate,
            options.Faults.Down,
            options.Faults.IncludeOAuth,
            options.Faults.Rules));
}

internal sealed record RateLimitSettings(bool Enabled, int TenSecondly, int Daily, int SearchPerSecond, bool SendRetryAfter);

internal sealed record SearchSettings(int IndexingLagMs);

internal sealed record OAuthSettings(int AccessTokenLifetimeSeconds, bool RotateRefreshToken);

internal sealed record FaultSettings(
    int LatencyMs,
    int JitterMs,
    int ResponseDelayMs,
    double ErrorRate,
    IReadOnlyList<int> ErrorStatuses,
    double LockRate,
    DownMode Down,
    bool IncludeOAuth,
    IReadOnlyList<FaultRule> Rules);
