using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.RateLimits;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Faults;

/// <summary>
/// Forced 429 bursts, 423 locks and 5xx errors, after authentication and before the rate limiter:
/// injected failures consume no rate-limit budget.
/// </summary>
internal sealed class InjectedErrorMiddleware(
    RequestDelegate next,
    RuntimeSettingsStore settings,
    FaultState state,
    TimeProvider clock,
    IOptions<EmulatorOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var faults = settings.Current.Faults;
        if (!FaultScope.Applies(context, faults))
        {
            return next(context);
        }

        var crm = ApiSurfaces.Of(context) == ApiSurface.Crm;
        if (crm && faults.Rules.FirstOrDefault(r => r.Matches(context.Request.Path)) is { } rule)
        {
            return HubSpotResults.WriteErrorAsync(context, rule.Status == StatusCodes.Status403Forbidden
                ? InputError.MissingScopes(context.Request.Path)
                : new InputError(rule.Status, "INTERNAL_ERROR", ReasonPhrase(rule.Status)));
        }

        if (crm && state.TryTakeBurst(out var policy))
        {
            return RateLimitResponses.Write429Async(context, policy, options.Value.HubId, settings.Current.RateLimits.SendRetryAfter ? RetryAfter(policy) : null);
        }

        if (crm && faults.LockRate > 0 && Random.Shared.NextDouble() < faults.LockRate)
        {
            return HubSpotResults.WriteErrorAsync(context, new InputError(
                StatusCodes.Status423Locked,
                "LOCKED",
                "The resource is locked by another request. Locks will last for 2 seconds."));
        }

        if (faults.ErrorRate > 0 && Random.Shared.NextDouble() < faults.ErrorRate)
        {
            var status = faults.ErrorStatuses[Random.Shared.Next(faults.ErrorStatuses.Count)];
            return HubSpotResults.WriteErrorAsync(context, new InputError(status, "INTERNAL_ERROR", ReasonPhrase(status)));
        }

        return next(context);
    }

    private int RetryAfter(RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.TenSecondlyRolling => RateLimiter.TenSecondWindowMs / 1000,
        RateLimitPolicy.Secondly => 1,
        _ => (int)(TimeSpan.FromDays(1) - clock.GetUtcNow().TimeOfDay).TotalSeconds,
    };

    private static string ReasonPhrase(int status) => status switch
    {
        StatusCodes.Status502BadGateway => "Bad Gateway",
        StatusCodes.Status503ServiceUnavailable => "Service Unavailable",
        StatusCodes.Status504GatewayTimeout => "Gateway Timeout",
        _ => "internal error",
    };
}
