using System.Net.Http.Headers;

namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// Puts the bearer token on each attempt of a HubSpot call. It sits below the resilience pipeline, so the token is
/// taken only once the rate budget lets the attempt go, and the attempt after a refresh
/// (<see cref="TokenRefreshRetry"/>) carries the new one.
/// </summary>
public sealed class BearerTokenHandler(IAccessTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
