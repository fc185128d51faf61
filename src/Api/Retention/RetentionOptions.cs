using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Retention;

/// <summary>How long finished requests (and the idempotency keys that created them) are kept.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>A succeeded or failed request is deleted this long after it finished. Accepted requests are never deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Age { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the clean-up runs (first run right after start).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so one clean-up never holds long locks or a huge transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}
