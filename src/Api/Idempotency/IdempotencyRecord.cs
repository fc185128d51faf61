namespace HubSpotCrm.Api.Idempotency;

/// <summary>
/// An Idempotency-Key a client has used, and the request it created. It lives as long as that request: deleting
/// the request (retention) deletes the key with it.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The API client the key belongs to: two clients may use the same key for different requests.</summary>
    public required string Client { get; set; }

    public required string Key { get; set; }

    /// <summary>The route's kind (contact, deals, tickets): a key belongs to one route.</summary>
    public required string Kind { get; set; }

    /// <summary>SHA-256 of the canonical request body.</summary>
    public required byte[] BodyHash { get; set; }

    public Guid RequestId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
