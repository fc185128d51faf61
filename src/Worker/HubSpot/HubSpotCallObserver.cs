using System.Net;
using System.Text.RegularExpressions;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.RateLimiting;

namespace HubSpotCrm.Worker.HubSpot;

/// <summary>
/// Sees every HTTP call that reaches HubSpot: reads an error answer's body once (<see cref="HubSpotErrorContent"/>),
/// counts the call by endpoint and status and a 429 by policy, and feeds the X-HubSpot-RateLimit-* headers back into
/// the rate budget.
/// </summary>
public sealed partial class HubSpotCallObserver(HubSpotRateBudget budget, WorkerMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        metrics.HubSpotCall($"{request.Method} {Endpoint(request)}", (int)response.StatusCode);
        if (budget.Observe(response) is { } remaining)
        {
            metrics.BudgetRemaining(remaining);
        }
        try
        {
            await HubSpotErrorContent.ReadAsync(response, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.RateLimited(HubSpotErrorContent.Of(response).Policy.ToString());
        }
        return response;
    }

    /// <summary>The path with object ids replaced, so metrics have one series per endpoint, not per object.</summary>
    private static string Endpoint(HttpRequestMessage request) =>
        IdSegment().Replace(request.RequestUri?.AbsolutePath ?? "", "/{id}");

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex IdSegment();
}
