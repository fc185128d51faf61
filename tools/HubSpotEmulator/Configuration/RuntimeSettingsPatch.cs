using System.Text.Json.Serialization;
using HubSpotEmulator.Faults;

namespace HubSpotEmulator.Configuration;

/// <summary>A partial update: every field left out keeps its current value; a misspelt field is refused rather than ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RuntimeSettingsPatch(
    RateLimitSettingsPatch? RateLimits,
    SearchSettingsPatch? Search,
    [property: JsonPropertyName("oauth")] OAuthSettingsPatch? OAuth,
    FaultSettingsPatch? Faults)
{
    public RuntimeSettings ApplyTo(RuntimeSettings current) => new(
        RateLimits?.ApplyTo(current.RateLimits) ?? current.RateLimits,
        Search?.ApplyTo(current.Search) ?? current.Search,
        OAuth?.ApplyTo(current.OAuth) ?? current.OAuth,
        Faults?.ApplyTo(current.Faults) ?? current.Faults);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RateLimitSettingsPatch(bool? Enabled, int? TenSecondly, int? Daily, int? SearchPerSecond, bool? SendRetryAfter)
{
    public RateLimitSettings ApplyTo(RateLimitSettings current) => new(
        Enabled ?? current.Enabled,
        TenSecondly ?? current.TenSecondly,
        Daily ?? current.Daily,
        SearchPerSecond ?? current.SearchPerSecond,
        SendRetryAfter ?? current.SendRetryAfter);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SearchSettingsPatch(int? IndexingLagMs)
{
    public SearchSettings ApplyTo(SearchSettings current) => new(IndexingLagMs ?? current.IndexingLagMs);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record OAuthSettingsPatch(int? AccessTokenLifetimeSeconds, bool? RotateRefreshToken)
{
    public OAuthSettings ApplyTo(OAuthSettings current) => new(
        AccessTokenLifetimeSeconds ?? current.AccessTokenLifetimeSeconds,
        RotateRefreshToken ?? current.RotateRefreshToken);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FaultSettingsPatch(
    int? LatencyMs,
    int? JitterMs,
    int? ResponseDelayMs,
    double? ErrorRate,
    int[]? ErrorStatuses,
    double? LockRate,
    DownMode? Down,
    bool? IncludeOAuth,
    FaultRule[]? Rules)
{
    public FaultSettings ApplyTo(FaultSettings current) => new(
        LatencyMs ?? current.LatencyMs,
        JitterMs ?? current.JitterMs,
        ResponseDelayMs ?? current.ResponseDelayMs,
        ErrorRate ?? current.ErrorRate,
        ErrorStatuses ?? current.ErrorStatuses,
        LockRate ?? current.LockRate,
        Down ?? current.Down,
        IncludeOAuth ?? current.IncludeOAuth,
        Rules ?? current.Rules);
}
