namespace HubSpotCrm.Api.RateLimiting;

/// <summary>One client's limit, or the default; an unset field of a client's limit comes from the default.</summary>
public sealed class RateLimit
{
    /// <summary>The steady rate: requests per second, after the burst is spent.</summary>
    public int? PermitsPerSecond { get; set; }

    /// <summary>Requests a client may make at once after being quiet: the size of its bucket.</summary>
    public int? Burst { get; set; }
}
