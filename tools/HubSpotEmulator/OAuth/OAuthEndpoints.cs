using HubSpotEmulator.Configuration;
using HubSpotEmulator.Control;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.OAuth;

/// <summary><c>/oauth/v1/token</c> (refresh grant only) and the token-information endpoint.</summary>
internal static class OAuthEndpoints
{
    private const long AppId = 1_000_001;
    private const long UserId = 1;

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("/oauth/v1");
        oauth.MapPost("/token", Token);
        oauth.MapGet("/access-tokens/{token}", Describe);
        return app;
    }

    private static async Task<IResult> Token(HttpContext context, TokenStore tokens, EmulatorStats stats)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(context, "BAD_REQUEST", "The token endpoint expects application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var result = tokens.Refresh(form["grant_type"], form["client_id"], form["client_secret"], form["refresh_token"]);
        if (result.Tokens is null)
        {
            return Error(context, result.ErrorStatus!, result.ErrorMessage!);
        }

        stats.TokenRefreshed();
        return HubSpotResults.Json(result.Tokens, EmulatorJson.Context.TokenResponse);
    }

    private static IResult Describe(HttpContext context, string token, TokenStore tokens, TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (tokens.Find(token) is not { } issued || issued.ExpiresAtMs <= nowMs)
        {
            return HubSpotResults.Error(context, new InputError(StatusCodes.Status404NotFound, "NOT_FOUND", "The access token does not exist or has expired."));
        }

        var hubId = options.Value.HubId;
        return HubSpotResults.Json(
            new AccessTokenInfo(
                token,
                "emulator@example.com",
                $"emulator-{hubId}.hubspot.local",
                [
                    "oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.deals.read", "crm.objects.deals.write",
                    "crm.objects.companies.read", "crm.objects.companies.write", "tickets",
                ],
                hubId,
                AppId,
                (issued.ExpiresAtMs - nowMs) / 1000,
                UserId,
                "access"),
            EmulatorJson.Context.AccessTokenInfo);
    }

    /// <summary>Every refusal is a 400 about the request's parameters; the spec's own example category for it is VALIDATION_ERROR.</summary>
    private static IResult Error(HttpContext context, string status, string message) =>
        HubSpotResults.Json(
            new OAuthErrorBody(status, message, context.TraceIdentifier, "VALIDATION_ERROR"),
            EmulatorJson.Context.OAuthErrorBody,
            StatusCodes.Status400BadRequest);
}
