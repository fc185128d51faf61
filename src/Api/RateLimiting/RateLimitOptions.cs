using System.Threading.RateLimiting;

namespace HubSpotCrm.Api.RateLimiting;

/// <summary>
/// How many /api/v1 requests each API client may make: a token bucket per client that holds <c>Burst</c> requests and
/// refills at <c>PermitsPerSecond</c>. A client's own entry (RateLimits:Clients:&lt;client&gt;) overrides the default
/// field by field.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public const int MaximumPermits = 1_000_000;

    /// <summary>
    /// Well under what a small two-core host accepts (about 700 submissions a second in bench/), so no one client can
    /// take it all; a bulk importer gets a limit of its own.
    /// </summary>
    public RateLimit Default { get; set; } = new() { PermitsPerSecond = 100, Burst = 200 };

    /// <summary>Client name (as in ApiKeys:Keys) → its own limit.</summary>
    public Dictionary<string, RateLimit> Clients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The client's bucket. It refills continuously (the partitioned limiter tops it up every 100 ms), so a one-second
    /// period only sets the unit of the rate and of the Retry-After it reports.
    /// </summary>
    public TokenBucketRateLimiterOptions BucketFor(string client)
    {
        var own = Clients.GetValueOrDefault(client);
        return new TokenBucketRateLimiterOptions
        {
            TokensPerPeriod = own?.PermitsPerSecond ?? Default.PermitsPerSecond!.Value,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            TokenLimit = own?.Burst ?? Default.Burst!.Value,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }
}
