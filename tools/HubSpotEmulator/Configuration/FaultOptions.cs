namespace HubSpotEmulator.Configuration;

internal sealed class FaultOptions
{
    public int LatencyMs { get; set; }

    public int JitterMs { get; set; }

    public double ErrorRate { get; set; }

    /// <summary>Empty means the default 500, 502, 503 and 504.</summary>
    public int[] ErrorStatuses { get; set; } = [];

    public double LockRate { get; set; }

    public DownMode Down { get; set; } = DownMode.Off;

    public bool IncludeOAuth { get; set; }
}
