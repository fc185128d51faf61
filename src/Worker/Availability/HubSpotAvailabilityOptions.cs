using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.Availability;

/// <summary>When the Worker stops consuming because HubSpot cannot be used, and how it finds out HubSpot is back.</summary>
public sealed class HubSpotAvailabilityOptions
{
    public const string SectionName = "Worker:Availability";

    /// <summary>Batches in a row that fail for transient reasons (after in-process retries) before HubSpot counts as down.</summary>
    [Range(1, 100)]
    public int OutageAfterFailedBatches { get; set; } = 3;

    /// <summary>How often a paused Worker checks HubSpot for an outage or refused credentials.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a Worker paused by the daily limit checks whether the limit has reset.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "06:00:00")]
    public TimeSpan DailyLimitProbeInterval { get; set; } = TimeSpan.FromMinutes(5);
}
