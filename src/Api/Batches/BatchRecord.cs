namespace HubSpotCrm.Api.Batches;

/// <summary>
/// One bulk submission: the items it was sent with, which of them repeated an earlier item and which were refused.
/// Its accepted items are requests of their own (<see cref="Requests.RequestRecord.BatchId"/>); the batch's state is
/// read from theirs, so recording a result never touches this row.
/// </summary>
public sealed class BatchRecord
{
    public Guid Id { get; set; }

    /// <summary>The request kind of its items: contact or companies.</summary>
    public required string Kind { get; set; }

    public required string Client { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many items the submission held, refused and repeated ones included.</summary>
    public int ItemCount { get; set; }

    /// <summary>Items that named the same contact or company as an earlier item: [{ index, duplicateOf }], as JSON.</summary>
    public required string Duplicates { get; set; }

    /// <summary>Items refused under <c>Prefer: partial</c>: [{ index, errors }], as JSON.</summary>
    public required string Rejected { get; set; }

    /// <summary>Where its completion callback goes, chosen when it was submitted; null when it gets none.</summary>
    public string? WebhookUrl { get; set; }
}
