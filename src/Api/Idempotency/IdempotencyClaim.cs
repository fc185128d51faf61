namespace HubSpotCrm.Api.Idempotency;

/// <summary>
/// What the key's row holds after a claim: <see cref="Claimed"/> when this submission is the first to use the key,
/// else the request (single submissions) or batch (bulk ones) that used it first.
/// </summary>
public sealed record IdempotencyClaim(Guid? RequestId, Guid? BatchId, string Kind, byte[] BodyHash, bool Claimed)
{
    public bool IsSameSubmission(string kind, byte[] bodyHash) => Kind == kind && BodyHash.AsSpan().SequenceEqual(bodyHash);
}
