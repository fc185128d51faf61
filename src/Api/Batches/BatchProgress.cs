namespace HubSpotCrm.Api.Batches;

/// <summary>Where a batch's requests stand, counted from their rows.</summary>
public sealed record BatchProgress(int Accepted, int Succeeded, int Failed, DateTimeOffset? LastCompletedAt)
{
    public int Requests => Accepted + Succeeded + Failed;

    public bool IsFinal => Accepted == 0;
}
