namespace HubSpotCrm.Api.Batches;

public static class BatchStatuses
{
    /// <summary>At least one item is still accepted.</summary>
    public const string Accepted = "accepted";

    /// <summary>Every item succeeded or failed; final.</summary>
    public const string Completed = "completed";
}
