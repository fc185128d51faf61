using System.Security.Claims;
using System.Text.Encodings.Web;
using HubSpotCrm.Api.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Authentication;

/// <summary>
/// Authenticates a caller by its one X-Api-Key header and names it by the client the key was issued to. A value too
/// long to be a key is refused before it is hashed. A refused caller gets 401 problem details saying what to send,
/// never repeating what it sent.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> apiKeys,
    ApiKeyRing ring,
    IProblemDetailsService problems,
    ApiMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private const string RefusalParameter = "refusal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (apiKeys.Value.Disabled)
        {
            // Keys are off only where one person uses the Api: that person sees everything.
            return Task.FromResult(Authenticated(ApiKeyDefaults.AnonymousClient, isOperator: true));
        }
        var keys = Request.Headers[ApiKeyDefaults.HeaderName];
        var refusal = ApiKeyRefusal.Inspect(keys, Request.Headers.Authorization.Count > 0);
        if (refusal is not null)
        {
            return Task.FromResult(refusal == ApiKeyRefusal.Missing ? AuthenticateResult.NoResult() : Refused(refusal));
        }
        var client = ring.FindClient(keys[0]!);
        return Task.FromResult(client is null ? Refused(ApiKeyRefusal.Invalid) : Authenticated(client, apiKeys.Value.ConfiguredOperators.Contains(client)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var refusal = result.Properties?.GetParameter<ApiKeyRefusal>(RefusalParameter) ?? ApiKeyRefusal.Missing;
        metrics.AuthenticationRefused(refusal.Reason);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.HeaderName}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = refusal.Title,
                Detail = refusal.Detail,
            },
        });
    }

    /// <summary>The failure message is logged by ASP.NET Core; it names the reason, never the key.</summary>
    private static AuthenticateResult Refused(ApiKeyRefusal refusal)
    {
        var properties = new AuthenticationProperties();
        properties.SetParameter(RefusalParameter, refusal);
        return AuthenticateResult.Fail($"API key refused: {refusal.Reason}.", properties);
    }

    private static AuthenticateResult Authenticated(string client, bool isOperator)
    {
        Claim[] claims = isOperator
            ? [new Claim(ClaimTypes.Name, client), new Claim(ClaimTypes.Role, ApiKeyDefaults.OperatorRole)]
            : [new Claim(ClaimTypes.Name, client)];
        var identity = new ClaimsIdentity(claims, ApiKeyDefaults.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme));
    }
}
