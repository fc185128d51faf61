using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Submissions;

/// <summary>Caps on what one request may carry. Bigger sets belong in several requests.</summary>
public sealed class SubmissionLimitsOptions
{
    public const string SectionName = "Submissions:Limits";

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    [Range(1, 1000)]
    public int MaxDealsPerRequest { get; set; } = 100;

    [Range(1, 1000)]
    public int MaxTicketsPerRequest { get; set; } = 100;

    /// <summary>How many deals one ticket may be linked to explicitly.</summary>
    [Range(1, 1000)]
    public int MaxDealIdsPerRequest { get; set; } = 100;

    /// <summary>How many contacts one company request may link; the bus command takes at most 100.</summary>
    [Range(1, 100)]
    public int MaxContactIdsPerRequest { get; set; } = 100;
}
