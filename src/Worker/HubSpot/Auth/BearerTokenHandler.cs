using System.Net;
using System.Net.Http.Headers;
using HubSpotCrm.Worker.HubSpot.RateLimiting;

namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// Adds the bearer token to every HubSpot call. A 401 gets one refresh and one retry: HubSpot says a 401 alone is no
/// proof the token expired, so a second 401 is handed back to the caller rather than looping. The retry is a call of
/// its own, so it takes its own permit from the rate budget.
/// </summary>
public sealed class BearerTokenHandler(IAccessTokenSource tokens, HubSpotRateBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var fresh = await tokens.RefreshAsync(token, cancellationToken);
        if (fresh is null)
        {
            return response;
        }
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        using var permit = await budget.AcquireAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
