using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.HubSpot.Resilience;

/// <summary>In-process retries of one HubSpot call (5xx, 423, 429, timeouts), bounded in attempts and in total time.</summary>
public sealed class HubSpotRetryOptions
{
    public const string SectionName = "HubSpot:Retry";

    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>First backoff; it doubles with each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest time one call may take, retries and waits for the rate budget included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>HubSpot: "Locks will last for 2 seconds".</summary>
    public TimeSpan LockedDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a search 429: the search limit is per second.</summary>
    public TimeSpan SecondlyDelay { get; set; } = TimeSpan.FromSeconds(1);
}
