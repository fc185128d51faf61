using System.Globalization;
using HubSpotEmulator.Json;
using HubSpotEmulator.OAuth;

namespace HubSpotEmulator.RateLimits;

internal static class RateLimitResponses
{
    private const string Category = "RATE_LIMITS";

    public static Task Write429Async(HttpContext context, RateLimitPolicy policy, long hubId, int? retryAfterSeconds)
    {
        var app = context.Features.Get<AppIdentity>();
        var body = policy switch
        {
            RateLimitPolicy.Daily => new RateLimitErrorBody(
                "error", "You have reached your daily limit.", "RATE_LIMIT", Category, context.TraceIdentifier, policy, null, Guid.NewGuid().ToString()),
            RateLimitPolicy.Secondly => new RateLimitErrorBody(
                "error", "You have reached your secondly limit.", "RATE_LIMIT", Category, context.TraceIdentifier, policy, null, null),
            _ => new RateLimitErrorBody(
                "error",
                "You have reached your ten_secondly_rolling limit.",
                "RATE_LIMIT",
                Category,
                context.TraceIdentifier,
                policy,
                app?.IsPrivateApp == false
                    ? $"publicapi:oauth-api-calls-ten-secondly:{hubId}"
                    : $"publicapi:private_app-api-calls-ten-secondly:{hubId}",
                null),
        };
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        }

        return context.Response.WriteAsJsonAsync(body, EmulatorJson.Context.RateLimitErrorBody);
    }
}
