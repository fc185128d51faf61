using HubSpotEmulator.Configuration;
using HubSpotEmulator.OAuth;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.RateLimits;

/// <summary>
/// HubSpot's limits: a ten-second rolling window per app, a daily budget per account (private apps only by
/// default), and a per-second limit for search per account. A refused call consumes no budget.
/// </summary>
internal sealed class RateLimiter(RuntimeSettingsStore settings, TimeProvider clock, IOptions<EmulatorOptions> options)
{
    public const int TenSecondWindowMs = 10_000;
    private const int SearchWindowMs = 1_000;
    private const long DayMs = 86_400_000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, SlidingWindow> tenSecondWindows = new(StringComparer.Ordinal);
    private readonly SlidingWindow searchWindow = new();
    private long dailyDay;
    private int dailyCount;

    public RateDecision Admit(AppIdentity app, RateLimitGroup? group)
    {
        var limits = settings.Current.RateLimits;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (gate)
        {
            if (group == RateLimitGroup.Search)
            {
                return searchWindow.TryAdmit(nowMs, SearchWindowMs, limits.SearchPerSecond, out _)
                    ? new RateDecision(null, null, null, 0)
                    : new RateDecision(RateLimitPolicy.Secondly, null, null, 1);
            }

            var countsDaily = limits.Daily > 0 && (app.IsPrivateApp || options.Value.RateLimits.DailyAppliesToOAuth);
            if (nowMs / DayMs != dailyDay)
            {
                dailyDay = nowMs / DayMs;
                dailyCount = 0;
            }

            int? dailyRemaining = countsDaily && app.IsPrivateApp ? Math.Max(0, limits.Daily - dailyCount) : null;
            var window = WindowOf(app);
            if (countsDaily && dailyCount >= limits.Daily)
            {
                var untilMidnight = (int)Math.Ceiling((((dailyDay + 1) * DayMs) - nowMs) / 1000.0);
                return new RateDecision(RateLimitPolicy.Daily, window.Remaining(nowMs, TenSecondWindowMs, limits.TenSecondly), dailyRemaining, untilMidnight);
            }

            int remaining;
            var exempt = group == RateLimitGroup.AssociationBatch && options.Value.RateLimits.AssociationsExemptFromTenSecondly;
            if (exempt)
            {
                remaining = window.Remaining(nowMs, TenSecondWindowMs, limits.TenSecondly);
            }
            else if (!window.TryAdmit(nowMs, TenSecondWindowMs, limits.TenSecondly, out remaining))
            {
                var retryAfter = (int)Math.Ceiling(window.MsUntilSlot(nowMs, TenSecondWindowMs) / 1000.0);
                return new RateDecision(RateLimitPolicy.TenSecondlyRolling, 0, dailyRemaining, retryAfter);
            }

            if (countsDaily)
            {
                dailyCount++;
                dailyRemaining = app.IsPrivateApp ? limits.Daily - dailyCount : null;
            }

            return new RateDecision(null, remaining, dailyRemaining, 0);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            tenSecondWindows.Clear();
            searchWindow.Clear();
            dailyCount = 0;
        }
    }

    private SlidingWindow WindowOf(AppIdentity app)
    {
        if (!tenSecondWindows.TryGetValue(app.Key, out var window))
        {
            window = new SlidingWindow();
            tenSecondWindows[app.Key] = window;
        }

        return window;
    }
}
