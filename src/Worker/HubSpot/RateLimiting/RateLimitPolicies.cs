using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>Which limit a 429's body names.</summary>
public static class RateLimitPolicies
{
    public static RateLimitPolicy Parse(HubSpotErrorBody body) => body.PolicyName?.ToUpperInvariant() switch
    {
        "DAILY" => RateLimitPolicy.Daily,
        "TEN_SECONDLY_ROLLING" => RateLimitPolicy.TenSecondly,
        "SECONDLY" => RateLimitPolicy.Secondly,
        _ when body.Message?.Contains("secondly limit", StringComparison.OrdinalIgnoreCase) == true => RateLimitPolicy.Secondly,
        _ when body.Message?.Contains("daily limit", StringComparison.OrdinalIgnoreCase) == true => RateLimitPolicy.Daily,
        _ => RateLimitPolicy.Unknown,
    };
}
