using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.Scaling;

/// <summary>How often a Worker counts the Workers sharing HubSpot's budget with it (when HubSpot:RateLimits:Share is unset).</summary>
public sealed class BudgetSharingOptions
{
    public const string SectionName = "Worker:BudgetSharing";

    /// <summary>Well inside HubSpot's 10 s window, so a Worker that joins or dies changes the others' shares within one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:00:05")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}
