using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Waiting;

/// <summary>How long a caller may wait for a final state with <c>Prefer: wait=N</c>, and how waiters learn of it.</summary>
public sealed class WaitOptions
{
    public const string SectionName = "Wait";

    /// <summary>The longest wait granted; larger requested waits are cut to it.</summary>
    [Range(1, 300)]
    public int MaxSeconds { get; set; } = 30;

    /// <summary>
    /// How often the database is asked about requests someone waits for. Results this instance records wake their
    /// waiters at once; this poll catches results another Api instance recorded.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan DatabasePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
