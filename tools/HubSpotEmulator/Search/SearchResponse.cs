using HubSpotEmulator.Http;
using HubSpotEmulator.Objects.Contracts;

namespace HubSpotEmulator.Search;

internal sealed record SearchResponse(int Total, IReadOnlyList<ObjectResponse> Results, Paging? Paging);
