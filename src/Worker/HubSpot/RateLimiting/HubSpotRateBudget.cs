using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>
/// The HubSpot call budget of this instance: a rolling ten-second window for ordinary calls and a per-second window
/// for search, both <see cref="SlidingWindowRateLimiter"/>s sized by this instance's share of HubSpot's limits, plus what
/// HubSpot's own headers say is left. The share is configured, or set as instances come and go (<see cref="Resize"/>).
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

    /// <summary>Long past the longest wait a call queued on a replaced window may have left.</summary>
    private static readonly TimeSpan ReplacedWindowLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The token endpoint's calls: never limited, a permit each all the same.</summary>
    private static readonly ConcurrencyLimiter Unlimited = new(new ConcurrencyLimiterOptions { PermitLimit = int.MaxValue, QueueLimit = 0 });

    private readonly HubSpotRateLimitOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<HubSpotRateBudget> _logger;
    private readonly Lock _resizing = new();
    private volatile Windows _windows;
    private long _holdUntilTicks;

    public HubSpotRateBudget(IOptions<HubSpotRateLimitOptions> options, TimeProvider clock, ILogger<HubSpotRateBudget> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _windows = Windows.For(_options, _options.Share ?? 1.0, previous: null);
    }

    /// <summary>This instance's part of HubSpot's budgets now: the configured share, or the one last set.</summary>
    public double Share => _windows.Share;

    public int TenSecondlyPermits => _windows.StandardPermits;

    /// <summary>
    /// Takes <paramref name="share"/> of HubSpot's budgets from now on. The new windows start with the calls the old ones
    /// still count, up to their new size, so changing the share never grants more than the new share allows over a
    /// window; calls already queued on the old windows are granted by those.
    /// </summary>
    public void Resize(double share)
    {
        Windows replaced;
        Windows resized;
        lock (_resizing)
        {
            replaced = _windows;
            if (Math.Abs(replaced.Share - share) < 1e-9)
            {
                return;
            }
            _windows = resized = Windows.For(_options, share, replaced);
        }
        _logger.LogInformation("Taking {Share:0.###} of HubSpot's budget: {Calls} calls per 10 s and {Searches} searches per second (was {Old:0.###})",
            share, resized.StandardPermits, resized.SearchPermits, replaced.Share);
        _ = DisposeLaterAsync(replaced);
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
        var windows = _windows;
        return Classify(request) switch
        {
            HubSpotCallKind.Search => await windows.Search.AcquireAsync(1, cancellationToken),
            HubSpotCallKind.Standard => await windows.Standard.AcquireAsync(1, cancellationToken),
            _ => Unlimited.AttemptAcquire(),
        };
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

    public ValueTask DisposeAsync() => _windows.DisposeAsync();

    private async Task DisposeLaterAsync(Windows replaced)
    {
        await Task.Delay(ReplacedWindowLifetime, _clock);
        await replaced.DisposeAsync();
    }

    /// <param name="counted">The calls the window it replaces still counts: they count here for a whole window.</param>
    private static SlidingWindowRateLimiter Window(int permits, TimeSpan hubSpotWindow, int counted)
    {
        var segment = hubSpotWindow / SegmentsPerWindow;
        var window = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = hubSpotWindow + segment * 2,
            SegmentsPerWindow = SegmentsPerWindow + 2,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        if (counted > 0)
        {
            window.AttemptAcquire(Math.Min(counted, permits)).Dispose();
        }
        return window;
    }

    /// <summary>The two windows of one share of the budget.</summary>
    private sealed record Windows(double Share, SlidingWindowRateLimiter Standard, int StandardPermits, SlidingWindowRateLimiter Search, int SearchPermits)
        : IAsyncDisposable
    {
        public static Windows For(HubSpotRateLimitOptions options, double share, Windows? previous)
        {
            var standard = options.TenSecondlyFor(share);
            var search = options.SearchPerSecondFor(share);
            return new Windows(share,
                Window(standard, TenSecondWindow, previous is null ? 0 : Counted(previous.Standard, previous.StandardPermits)), standard,
                Window(search, SearchWindow, previous is null ? 0 : Counted(previous.Search, previous.SearchPermits)), search);
        }

        public async ValueTask DisposeAsync()
        {
            await Standard.DisposeAsync();
            await Search.DisposeAsync();
        }

        private static int Counted(SlidingWindowRateLimiter window, int permits) =>
            window.GetStatistics() is { } statistics ? (int)Math.Clamp(permits - statistics.CurrentAvailablePermits, 0, permits) : 0;
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
