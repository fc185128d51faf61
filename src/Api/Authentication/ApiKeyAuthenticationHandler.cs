using System.Security.Claims;
using System.Text.Encodings.Web;
using HubSpotCrm.Api.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Authentication;

/// <summary>
/// Authenticates a caller by its X-Api-Key header and names it by the client the key was issued to. A refused
/// caller gets 401 problem details that never repeat what it sent.
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
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (apiKeys.Value.Disabled)
        {
            return Task.FromResult(Authenticated(ApiKeyDefaults.AnonymousClient));
        }
        var values = Request.Headers[ApiKeyDefaults.HeaderName];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (values.Count > 1)
        {
            return Task.FromResult(AuthenticateResult.Fail($"More than one {ApiKeyDefaults.HeaderName} header."));
        }
        var client = ring.FindClient(values[0]!);
        return Task.FromResult(client is null
            ? AuthenticateResult.Fail($"The {ApiKeyDefaults.HeaderName} header holds no configured key.")
            : Authenticated(client));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = (await HandleAuthenticateOnceSafeAsync()).None;
        metrics.AuthenticationRefused(missing ? "missing_key" : "invalid_key");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.HeaderName}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = missing ? "API key required" : "API key not accepted",
                Detail = missing
                    ? $"Send the key issued to your system in the {ApiKeyDefaults.HeaderName} header."
                    : $"The {ApiKeyDefaults.HeaderName} header does not hold a valid key. Send exactly one header with the key issued to your system.",
            },
        });
    }

    private AuthenticateResult Authenticated(string client)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client)], ApiKeyDefaults.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme));
    }
}
