using System.Globalization;
using System.Threading.RateLimiting;
using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.RateLimiting;

/// <summary>
/// One token bucket per API client, so a client that floods the Api spends only its own budget. A refused request
/// gets 429 problem details with Retry-After before any endpoint runs: nothing of it is stored or published.
/// </summary>
public sealed class ClientRateLimitPolicy(IOptions<RateLimitOptions> options, ApiMetrics metrics, IProblemDetailsService problems)
    : IRateLimiterPolicy<string>
{
    public const string Name = "per-client";

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => RejectAsync;

    /// <summary>The limiter runs after authorization, so every caller here is a named client.</summary>
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(httpContext.User.ClientName(), options.Value.BucketFor);

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var client = http.User.ClientName();
        var bucket = options.Value.BucketFor(client);
        var retryAfter = RetryAfterSeconds(context.Lease);
        metrics.RateLimited(client);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Title = "Too many requests",
                Detail = $"Client '{client}' may send {bucket.TokensPerPeriod} requests per second after a burst of {bucket.TokenLimit}. " +
                         $"This request was not accepted and nothing of it was kept: send it again once Retry-After ({retryAfter} s) has passed.",
            },
        });
    }

    /// <summary>What the bucket says about when a request will pass again, in whole seconds and at least one.</summary>
    private static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
}
