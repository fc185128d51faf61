using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Batches;

/// <summary>Caps on one bulk submission, as a JSON body and as an NDJSON upload.</summary>
public sealed class BatchLimitsOptions
{
    public const string SectionName = "Submissions:Batches";

    /// <summary>Most items in a JSON body (<c>{"items": [...]}</c>); more is 422 naming <c>items</c>.</summary>
    [Range(1, 10_000)]
    public int MaxItems { get; set; } = 1000;

    /// <summary>Largest JSON body, in bytes; larger is 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most lines (items) in an NDJSON upload; more is 422 naming <c>lines</c>.</summary>
    [Range(1, 1_000_000)]
    public int MaxLines { get; set; } = 100_000;

    /// <summary>Largest NDJSON upload, in bytes; larger is 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Longest NDJSON line, in bytes, as the single submission's body cap for one item.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many of a batch's messages (a command each, or 100 contacts) wait for the broker's confirm at once. Each send's publish timeout counts from
    /// its start, queueing for the channel included: far more than the channel takes at once turns a busy broker into
    /// refused items.
    /// </summary>
    [Range(1, 10_000)]
    public int PublishConcurrency { get; set; } = 64;
}
