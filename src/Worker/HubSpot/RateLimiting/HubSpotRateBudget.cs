using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>
/// The HubSpot call budget of this instance: a rolling ten-second window for ordinary calls and a per-second window
/// for search, both <see cref="SlidingWindowRateLimiter"/>s, plus what HubSpot's own headers say is left.
/// </summary>
/// <remarks>
/// A sliding window hands a permit back when its segment leaves the window, which can be up to one segment early
/// compared with HubSpot's exact rolling window. The window is therefore made two segments longer than HubSpot's,
/// so a permit is never reused sooner than HubSpot's interval after it was spent, even with network jitter.
/// </remarks>
public sealed class HubSpotRateBudget : IAsyncDisposable
{
    private static readonly TimeSpan TenSecondWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SearchWindow = TimeSpan.FromSeconds(1);
    private const int SegmentsPerWindow = 40;

    private readonly PartitionedRateLimiter<HttpRequestMessage> _limiter;
    private readonly HubSpotRateLimitOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<HubSpotRateBudget> _logger;
    private long _holdUntilTicks;

    public HubSpotRateBudget(IOptions<HubSpotRateLimitOptions> options, TimeProvider clock, ILogger<HubSpotRateBudget> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        // The partitioned limiter owns its limiters: it drops one once its window is idle (all permits back) and makes
        // a fresh one on the next call, which has the same state.
        _limiter = PartitionedRateLimiter.Create<HttpRequestMessage, HubSpotCallKind>(request => Classify(request) switch
        {
            HubSpotCallKind.Search => RateLimitPartition.Get(HubSpotCallKind.Search, _ => Window(_options.EffectiveSearchPerSecond, SearchWindow)),
            HubSpotCallKind.Standard => RateLimitPartition.Get(HubSpotCallKind.Standard, _ => Window(_options.EffectiveTenSecondly, TenSecondWindow)),
            _ => RateLimitPartition.GetNoLimiter(HubSpotCallKind.Unlimited),
        });
    }

    /// <summary>Calls HubSpot counts against no limit of ours: the OAuth token endpoint.</summary>
    public static HubSpotCallKind Classify(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (path.StartsWith("/oauth/", StringComparison.Ordinal))
        {
            return HubSpotCallKind.Unlimited;
        }
        return path.EndsWith("/search", StringComparison.Ordinal) ? HubSpotCallKind.Search : HubSpotCallKind.Standard;
    }

    /// <summary>Waits until the call fits in the budget. Never fails for lack of budget: it queues.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Classify(request) == HubSpotCallKind.Standard)
        {
            var hold = new DateTimeOffset(Interlocked.Read(ref _holdUntilTicks), TimeSpan.Zero) - _clock.GetUtcNow();
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, _clock, cancellationToken);
            }
        }
        return await _limiter.AcquireAsync(request, 1, cancellationToken);
    }

    /// <summary>
    /// Reads HubSpot's X-HubSpot-RateLimit-* headers. When another client of the same app has used the window up, the
    /// next calls wait for the window to roll on by the time HubSpot needs to free the missing calls.
    /// </summary>
    /// <returns>The calls HubSpot says are left in its window, when the response says so.</returns>
    public int? Observe(HttpResponseMessage response)
    {
        if (!TryReadHeader(response, "X-HubSpot-RateLimit-Remaining", out var remaining) ||
            !TryReadHeader(response, "X-HubSpot-RateLimit-Max", out var max) || max <= 0)
        {
            return null;
        }
        if (remaining > _options.ReserveCalls)
        {
            return remaining;
        }
        var interval = TryReadHeader(response, "X-HubSpot-RateLimit-Interval-Milliseconds", out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : TenSecondWindow;
        var hold = interval / max * (_options.ReserveCalls - remaining + 1);
        var until = (_clock.GetUtcNow() + hold).UtcTicks;
        InterlockedMax(ref _holdUntilTicks, until);
        _logger.LogDebug("HubSpot reports {Remaining} of {Max} calls left in the window; holding calls for {HoldMs} ms",
            remaining, max, (int)hold.TotalMilliseconds);
        return remaining;
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    private static SlidingWindowRateLimiter Window(int permits, TimeSpan hubSpotWindow)
    {
        var segment = hubSpotWindow / SegmentsPerWindow;
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = hubSpotWindow + segment * 2,
            SegmentsPerWindow = SegmentsPerWindow + 2,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private static bool TryReadHeader(HttpResponseMessage response, string name, out int value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values) &&
               int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
