namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>Feeds every HubSpot response's rate-limit headers back into the budget.</summary>
public sealed class RateLimitFeedbackHandler(HubSpotRateBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        budget.Observe(response);
        return response;
    }
}
