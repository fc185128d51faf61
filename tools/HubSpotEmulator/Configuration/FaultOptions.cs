using HubSpotEmulator.Faults;

namespace HubSpotEmulator.Configuration;

internal sealed class FaultOptions
{
    public int LatencyMs { get; set; }

    public int JitterMs { get; set; }

    /// <summary>Delay after a write was carried out, before its answer goes out: a client that gives up or dies meanwhile has still written. Reads are not delayed.</summary>
    public int ResponseDelayMs { get; set; }

    public double ErrorRate { get; set; }

    /// <summary>Empty means the default 500, 502, 503 and 504.</summary>
    public int[] ErrorStatuses { get; set; } = [];

    public double LockRate { get; set; }

    public DownMode Down { get; set; } = DownMode.Off;

    public bool IncludeOAuth { get; set; }

    /// <summary>Paths answered with a fixed 403 or 5xx while the rest works: partial outages, missing scopes.</summary>
    public FaultRule[] Rules { get; set; } = [];
}
