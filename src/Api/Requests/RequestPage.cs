namespace HubSpotCrm.Api.Requests;

/// <summary>A page of GET /api/v1/requests: newest first; pass <paramref name="Next"/> as <c>after</c> for the next page.</summary>
/// <param name="Next">The cursor of the next page; null on the last page.</param>
public sealed record RequestPage(IReadOnlyList<RequestStatusResponse> Items, string? Next);
