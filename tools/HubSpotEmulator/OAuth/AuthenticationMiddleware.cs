using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;

namespace HubSpotEmulator.OAuth;

/// <summary>Every CRM call needs a valid bearer token; the caller's <see cref="AppIdentity"/> is left for the rate limiter.</summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, TokenStore tokens)
{
    private const string MissingMessage =
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    public Task InvokeAsync(HttpContext context)
    {
        if (ApiSurfaces.Of(context) != ApiSurface.Crm)
        {
            return next(context);
        }

        var result = tokens.Authenticate(context.Request.Headers.Authorization);
        if (result.Outcome == AuthenticationOutcome.Authenticated)
        {
            context.Features.Set(result.App);
            return next(context);
        }

        context.Response.Headers["x-hubspot-auth-failure"] = "401 Unauthorized";
        var error = result.Outcome == AuthenticationOutcome.Expired
            ? new InputError(
                StatusCodes.Status401Unauthorized,
                "EXPIRED_AUTHENTICATION",
                $"The OAuth token used to make this call expired {result.ExpiredMinutesAgo} minute(s) ago.")
            : new InputError(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION", MissingMessage);
        return HubSpotResults.WriteErrorAsync(context, error);
    }
}
