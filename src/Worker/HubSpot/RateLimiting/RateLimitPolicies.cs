using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

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

    public static async Task<RateLimitPolicy> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Parse(await HubSpotErrors.ReadBodyAsync(response, cancellationToken));
}
