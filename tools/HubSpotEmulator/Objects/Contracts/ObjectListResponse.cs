using HubSpotEmulator.Http;

namespace HubSpotEmulator.Objects.Contracts;

internal sealed record ObjectListResponse(IReadOnlyList<ObjectResponse> Results, Paging? Paging);
