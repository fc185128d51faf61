using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>
/// HubSpot's limits as this worker instance must respect them. Several instances on one account share them by
/// themselves (the Worker counts the instances consuming its queues); a configured <see cref="Share"/> fixes this
/// instance's part instead.
/// </summary>
public sealed class HubSpotRateLimitOptions
{
    public const string SectionName = "HubSpot:RateLimits";

    /// <summary>Calls per rolling ten seconds for the app: 110 for OAuth apps, 100–190 for private apps by tier.</summary>
    [Range(1, 10_000)]
    public int TenSecondly { get; set; } = 110;

    /// <summary>Search calls per second for the account (HubSpot: 5).</summary>
    [Range(1, 100)]
    public int SearchPerSecond { get; set; } = 5;

    /// <summary>
    /// This instance's fixed part of both budgets, e.g. 0.5 for one of two workers. Unset: 1/N, N being the Worker
    /// instances consuming the command queues now.
    /// </summary>
    [Range(0.01, 1.0)]
    public double? Share { get; set; }

    /// <summary>
    /// When HubSpot's X-HubSpot-RateLimit-Remaining falls to this many calls (others may share the app), calls are
    /// held back until the window has rolled on a little.
    /// </summary>
    [Range(0, 1000)]
    public int ReserveCalls { get; set; } = 2;

    public int TenSecondlyFor(double share) => Math.Max(1, (int)Math.Floor(TenSecondly * share));

    public int SearchPerSecondFor(double share) => Math.Max(1, (int)Math.Floor(SearchPerSecond * share));
}
