using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>
/// HubSpot's limits as this worker instance must respect them. With several instances on one account, give each a
/// <see cref="Share"/> so that the shares add up to at most 1.
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

    /// <summary>This instance's part of both budgets, e.g. 0.5 with two workers.</summary>
    [Range(0.01, 1.0)]
    public double Share { get; set; } = 1.0;

    /// <summary>
    /// When HubSpot's X-HubSpot-RateLimit-Remaining falls to this many calls (others may share the app), calls are
    /// held back until the window has rolled on a little.
    /// </summary>
    [Range(0, 1000)]
    public int ReserveCalls { get; set; } = 2;

    public int EffectiveTenSecondly => Math.Max(1, (int)Math.Floor(TenSecondly * Share));

    public int EffectiveSearchPerSecond => Math.Max(1, (int)Math.Floor(SearchPerSecond * Share));
}
