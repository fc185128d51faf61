namespace HubSpotEmulator.Configuration;

internal sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    public int TenSecondly { get; set; } = 110;

    /// <summary>0 disables the daily limit.</summary>
    public int Daily { get; set; } = 250_000;

    public int SearchPerSecond { get; set; } = 5;

    public bool SendRetryAfter { get; set; }

    /// <summary>HubSpot's spec flags the v4 association batch endpoints as exempt; counting them is the safer default for a client.</summary>
    public bool AssociationsExemptFromTenSecondly { get; set; }

    /// <summary>HubSpot documents no daily limit for OAuth apps, so by default only private-app calls use the daily budget.</summary>
    public bool DailyAppliesToOAuth { get; set; }
}
