using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.HubSpot;

/// <summary>What a batch write or read gave back: the objects, and the inputs HubSpot refused one by one (207).</summary>
public sealed record BatchResult(IReadOnlyList<HubSpotObject> Results, IReadOnlyList<BatchError> Errors)
{
    public static readonly BatchResult Empty = new([], []);
}
