using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Caps the Api's delivery slots one receiving endpoint (scheme, host and port) can hold: its attempts in flight, and
/// as many again waiting briefly for one of them to finish. A burst to a fast receiver queues for a moment; a receiver
/// that hangs holds at most twice its cap, and deliveries past that wait out a delay in the broker instead.
/// </summary>
public sealed class WebhookEndpointLimiter(IOptions<WebhookOptions> options) : IDisposable
{
    /// <summary>How long a delivery waits for its endpoint to have a slot before it is deferred.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<Uri> _limiter = PartitionedRateLimiter.Create<Uri, string>(target =>
        RateLimitPartition.GetConcurrencyLimiter(target.GetLeftPart(UriPartial.Authority), _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.ConcurrencyPerEndpoint,
            QueueLimit = options.Value.ConcurrencyPerEndpoint,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    /// <summary>A slot for an attempt to <paramref name="target"/>, or a lease not acquired when none came free in time.</summary>
    public async ValueTask<RateLimitLease> EnterAsync(Uri target, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaxWait);
        try
        {
            return await _limiter.AcquireAsync(target, 1, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NotAcquired.Instance;
        }
    }

    public void Dispose() => _limiter.Dispose();

    private sealed class NotAcquired : RateLimitLease
    {
        public static readonly NotAcquired Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
