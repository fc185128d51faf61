using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>Caps the attempts in flight per receiving endpoint (scheme, host and port), never queueing for a slot.</summary>
public sealed class WebhookEndpointLimiter(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Uri> _limiter = PartitionedRateLimiter.Create<Uri, string>(target =>
        RateLimitPartition.GetConcurrencyLimiter(target.GetLeftPart(UriPartial.Authority), _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.ConcurrencyPerEndpoint,
            QueueLimit = 0,
        }));

    public RateLimitLease TryEnter(Uri target) => _limiter.AttemptAcquire(target);

    public void Dispose() => _limiter.Dispose();
}
