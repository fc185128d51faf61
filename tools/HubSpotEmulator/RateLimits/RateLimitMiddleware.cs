using System.Globalization;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Http;
using HubSpotEmulator.OAuth;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.RateLimits;

/// <summary>Admits or refuses CRM calls and sends the <c>X-HubSpot-RateLimit-*</c> headers (never on search).</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter, RuntimeSettingsStore settings, IOptions<EmulatorOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limits = settings.Current.RateLimits;
        if (!limits.Enabled || ApiSurfaces.Of(context) != ApiSurface.Crm || context.Features.Get<AppIdentity>() is not { } app)
        {
            return next(context);
        }

        var decision = limiter.Admit(app, context.GetEndpoint()?.Metadata.GetMetadata<RateLimitGroup>());
        var headers = context.Response.Headers;
        if (decision.TenSecondRemaining is { } remaining)
        {
            headers["X-HubSpot-RateLimit-Max"] = limits.TenSecondly.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
        }

        if (decision.DailyRemaining is { } dailyRemaining)
        {
            headers["X-HubSpot-RateLimit-Daily"] = limits.Daily.ToString(CultureInfo.InvariantCulture);
            headers["X-HubSpot-RateLimit-Daily-Remaining"] = dailyRemaining.ToString(CultureInfo.InvariantCulture);
        }

        return decision.Refused is { } policy
            ? RateLimitResponses.Write429Async(context, policy, options.Value.HubId, limits.SendRetryAfter ? decision.RetryAfterSeconds : null)
            : next(context);
    }
}
