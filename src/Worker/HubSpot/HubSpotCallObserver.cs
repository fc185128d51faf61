using System.Net;
using System.Text.RegularExpressions;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot.RateLimiting;

namespace HubSpotCrm.Worker.HubSpot;

/// <summary>
/// Sees every HTTP call that reaches HubSpot: counts it by endpoint and status, counts 429s by policy, and feeds the
/// X-HubSpot-RateLimit-* headers back into the rate budget.
/// </summary>
public sealed partial class HubSpotCallObserver(HubSpotRateBudget budget, WorkerMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        metrics.HubSpotCall($"{request.Method} {Endpoint(request)}", (int)response.StatusCode);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.RateLimited((await RateLimitPolicies.ReadAsync(response, cancellationToken)).ToString());
        }
        if (budget.Observe(response) is { } remaining)
        {
            metrics.BudgetRemaining(remaining);
        }
        return response;
    }

    /// <summary>The path with object ids replaced, so metrics have one series per endpoint, not per object.</summary>
    private static string Endpoint(HttpRequestMessage request) =>
        IdSegment().Replace(request.RequestUri?.AbsolutePath ?? "", "/{id}");

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex IdSegment();
}
