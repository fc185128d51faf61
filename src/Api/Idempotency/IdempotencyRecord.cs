namespace HubSpotCrm.Api.Idempotency;

/// <summary>
/// An Idempotency-Key a client has used, and the request or bulk submission it created. It lives as long as that
/// request or batch: deleting it (retention) deletes the key with it.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The API client the key belongs to: two clients may use the same key for different requests.</summary>
    public required string Client { get; set; }

    public required string Key { get; set; }

    /// <summary>The route's kind (contact, deals, …; contact-batch, … for bulk routes): a key belongs to one route.</summary>
    public required string Kind { get; set; }

    /// <summary>SHA-256 of the canonical request body.</summary>
    public required byte[] BodyHash { get; set; }

    /// <summary>The request a single submission created; null for a bulk one.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>The batch a bulk submission created; null for a single one.</summary>
    public Guid? BatchId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
