namespace HubSpotCrm.Api.Idempotency;

/// <summary>What the key's row holds after a claim: this submission's request, or the one that used the key first.</summary>
public sealed record IdempotencyClaim(Guid RequestId, string Kind, byte[] BodyHash)
{
    public bool IsSameSubmission(string kind, byte[] bodyHash) => Kind == kind && BodyHash.AsSpan().SequenceEqual(bodyHash);
}
