namespace HubSpotEmulator.RateLimits;

/// <param name="Refused">The policy that refused the call, or null when it may proceed.</param>
/// <param name="TenSecondRemaining">null when no rate-limit headers are sent (search, limits off).</param>
/// <param name="DailyRemaining">null when the daily headers are not sent (OAuth, daily limit off).</param>
internal readonly record struct RateDecision(
    RateLimitPolicy? Refused,
    int? TenSecondRemaining,
    int? DailyRemaining,
    int RetryAfterSeconds);
